package dev.switchboard.chatclient;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The messenger of the course (seeds/004), on top of the WebSocket chat's frames: turns
 * what the user types into frames and the frames the server sends into lines. <pre>
 * &gt; /join bob
 * bob JOINED
 * &gt; Hello!
 * bob said: Hi, how are you?
 * &gt; /quit
 * BYE
 * </pre> Everything that came from the network (nicknames, rooms, texts, errors) is
 * printed through {@link TerminalText}, so that a message cannot take over the terminal.
 * <p>
 * It remembers the rooms the server let it join and, for each room, the highest message
 * id it received: after a reconnection {@link #rejoinFrames()} joins them again with
 * {@code since}, and no message id is printed twice (per room; direct messages by their
 * recent ids).
 */
final class Messenger {

	private static final String HELP = """
			Commands:
			  /join <nickname>   talk to someone (direct messages)
			  /join #<room>      join a room and talk there
			  /leave             leave the current room
			  /who               who is online
			  /quit              leave the messenger
			Anything else is sent to whoever you joined.""";

	/** How many ids of direct messages are remembered to print each one once. */
	private static final int DIRECT_IDS = 1000;

	private final PrintStream out;

	private final Sender sender;

	private final Predicate<String> userExists;

	private final Set<String> online = ConcurrentHashMap.newKeySet();

	private final AtomicInteger refs = new AtomicInteger();

	private volatile String nickname = "";

	private volatile String target;

	/** Guards the rooms, the ids seen and the rejoins. */
	private final Object rooms = new Object();

	/** The rooms the server answered a join of, and that the user did not leave. */
	private final SequencedSet<String> joined = new LinkedHashSet<>();

	/** Room to the highest message id received in it (printed, or this user's own). */
	private final Map<String, Long> lastIds = new HashMap<>();

	/** The rooms joined again after a reconnection whose history has not come yet. */
	private final Set<String> rejoining = new HashSet<>();

	/** The latest ids of direct messages, oldest first. */
	private final SequencedSet<Long> directIds = new LinkedHashSet<>();

	/**
	 * Create a messenger.
	 * @param out where lines for the user go
	 * @param sender how frames reach the server
	 * @param userExists whether a registered user has a nickname
	 */
	Messenger(PrintStream out, Sender sender, Predicate<String> userExists) {
		this.out = out;
		this.sender = sender;
		this.userExists = userExists;
	}

	/**
	 * Return the frames that join again, after a reconnection, every room the user was
	 * in, each asking only for the messages after the last one received there.
	 * @return the {@code join} frames, with {@code since}
	 */
	List<String> rejoinFrames() {
		synchronized (this.rooms) {
			List<String> frames = new ArrayList<>();
			for (String room : this.joined) {
				this.rejoining.add(room);
				frames.add(Json.object("type", "join", "room", room, "since", this.lastIds.getOrDefault(room, 0L)));
			}
			return frames;
		}
	}

	/**
	 * Act on a line the user typed.
	 * @param line the line
	 * @return whether to go on reading lines ({@code false} after {@code /quit})
	 */
	boolean onLine(String line) {
		String trimmed = line.strip();
		if (trimmed.isEmpty()) {
			return true;
		}
		if (!trimmed.startsWith("/")) {
			say(line);
			return true;
		}
		String[] words = trimmed.split("\\s+", 2);
		String argument = (words.length > 1) ? words[1].strip() : "";
		switch (words[0].toLowerCase(Locale.ROOT)) {
			case "/quit" -> {
				this.out.println("BYE");
				this.sender.close();
				return false;
			}
			case "/join" -> join(argument);
			case "/leave" -> leave();
			case "/who" -> this.sender.send(Json.object("type", "who"));
			case "/help" -> this.out.println(HELP);
			default -> this.out.println("! Unknown command " + words[0] + ": type /help");
		}
		return true;
	}

	private void join(String argument) {
		if (argument.isEmpty()) {
			this.out.println("! Usage: /join <nickname> or /join #<room>");
		}
		else if (argument.startsWith("#")) {
			this.target = argument;
			this.sender.send(Json.object("type", "join", "room", argument.substring(1)));
		}
		else if (this.online.stream().anyMatch(argument::equalsIgnoreCase) || this.userExists.test(argument)) {
			this.target = argument;
			this.out.println(argument + " JOINED");
		}
		else {
			this.out.println("! Nobody is called '" + argument + "'.");
		}
	}

	private void leave() {
		String current = this.target;
		if (current == null || !current.startsWith("#")) {
			this.out.println("! You are not in a room.");
			return;
		}
		String room = current.substring(1);
		synchronized (this.rooms) {
			// the server's name: without one leading '#'
			this.joined.remove(room.startsWith("#") ? room.substring(1) : room);
		}
		this.sender.send(Json.object("type", "leave", "room", room));
		this.target = null;
		this.out.println(current + " LEFT");
	}

	private void say(String text) {
		String current = this.target;
		if (current == null) {
			this.out.println("! Join someone first: /join <nickname> or /join #<room>");
		}
		else if (current.startsWith("#")) {
			this.sender.send(Json.object("type", "say", "room", current.substring(1), "text", text, "ref",
					"r" + this.refs.incrementAndGet()));
		}
		else {
			this.sender
				.send(Json.object("type", "dm", "to", current, "text", text, "ref", "r" + this.refs.incrementAndGet()));
		}
	}

	/**
	 * Act on a frame the server sent.
	 * @param frame the frame's members
	 */
	void onFrame(Map<String, Object> frame) {
		switch (String.valueOf(frame.get("type"))) {
			case "welcome" -> {
				boolean again = !this.nickname.isEmpty();
				this.nickname = String.valueOf(frame.get("nickname"));
				this.online.clear();
				names(frame.get("online")).forEach(this.online::add);
				this.out.println((again ? "Reconnected as " : "Signed in as ") + visible(this.nickname) + ". Online: "
						+ names(this.online));
			}
			case "history" -> history(frame);
			case "message" -> {
				if (isNew(frame)) {
					print(frame, false);
				}
			}
			case "presence" -> presence(frame);
			case "error" -> this.out.println("! " + visible(frame.get("message")));
			default -> {
				// frames added to the protocol later are ignored
			}
		}
	}

	private void history(Map<String, Object> frame) {
		String room = String.valueOf(frame.get("room"));
		List<Map<String, Object>> missed = new ArrayList<>();
		boolean rejoined;
		synchronized (this.rooms) {
			this.joined.add(room);
			rejoined = this.rejoining.remove(room);
			if (frame.get("messages") instanceof List<?> messages) {
				messages.stream().map(Messenger::asMap).filter(this::isNew).forEach(missed::add);
			}
		}
		if (!rejoined) {
			this.out.println("#" + visible(room) + " JOINED");
		}
		else {
			this.out.println("#" + visible(room) + " REJOINED: " + switch (missed.size()) {
				case 0 -> "nothing missed";
				case 1 -> "1 message missed";
				default -> missed.size() + " messages missed";
			});
		}
		missed.forEach((message) -> print(message, true));
	}

	/**
	 * Return whether a message was not received before, remembering it: in a room,
	 * whether its id is above the highest one received there; for a direct message,
	 * whether its id is not among the latest ones.
	 */
	private boolean isNew(Map<String, Object> message) {
		if (!(message.get("id") instanceof Number number)) {
			return true;
		}
		long id = number.longValue();
		synchronized (this.rooms) {
			if (message.get("room") != null) {
				String room = String.valueOf(message.get("room"));
				Long last = this.lastIds.get(room);
				if (last != null && id <= last) {
					return false;
				}
				this.lastIds.put(room, id);
				return true;
			}
			if (!this.directIds.add(id)) {
				return false;
			}
			if (this.directIds.size() > DIRECT_IDS) {
				this.directIds.removeFirst();
			}
			return true;
		}
	}

	private void print(Map<String, Object> message, boolean history) {
		String from = String.valueOf(message.get("from"));
		if (!history && from.equalsIgnoreCase(this.nickname)) {
			return; // the acknowledgement of what this user sent, or a copy from their
					// other sockets
		}
		if (message.get("room") != null) {
			this.out.println(
					"[#" + visible(message.get("room")) + "] " + visible(from) + ": " + visible(message.get("text")));
		}
		else {
			this.out.println(visible(from) + " said: " + visible(message.get("text")));
		}
	}

	private void presence(Map<String, Object> frame) {
		if (frame.get("joined") instanceof String joined) {
			this.online.add(joined);
			this.out.println("* " + visible(joined) + " is online");
		}
		else if (frame.get("left") instanceof String left) {
			this.online.remove(left);
			this.out.println("* " + visible(left) + " left");
		}
		else if (frame.containsKey("online")) {
			this.out.println("Online: " + names(names(frame.get("online"))));
		}
	}

	private static List<String> names(Object array) {
		return (array instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of();
	}

	/** The nicknames sorted regardless of case, as they may be printed. */
	private static String names(Collection<String> names) {
		Set<String> sorted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		sorted.addAll(names);
		return sorted.stream().map(TerminalText::visible).collect(Collectors.joining(", "));
	}

	private static String visible(Object fromNetwork) {
		return TerminalText.visible(fromNetwork);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	/**
	 * Where the messenger's frames go.
	 */
	interface Sender {

		/**
		 * Send a text frame.
		 * @param frame the JSON text
		 */
		void send(String frame);

		/** Close the connection. */
		void close();

	}

}
