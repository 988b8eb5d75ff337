package dev.switchboard.messaging.tcp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.switchboard.messaging.chat.ChatCommand;
import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatException;
import dev.switchboard.messaging.chat.ChatIdentity;
import dev.switchboard.messaging.messages.ChatMessage;
import dev.switchboard.messaging.chat.ChatReplies;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.chat.ChatSession;
import dev.switchboard.messaging.chat.RateLimiter;
import dev.switchboard.socket.framing.Framing;
import dev.switchboard.socket.framing.FramingException;
import dev.switchboard.socket.framing.Framings;
import dev.switchboard.socket.framing.InvalidUtf8Exception;
import dev.switchboard.socket.server.Durations;
import dev.switchboard.socket.server.SocketConnection;

/**
 * One client of the TCP line chat: reads its commands and lines into the chat's commands,
 * which its {@link ChatSession} carries out like any WebSocket's, so both kinds of users
 * share rooms, nicknames and presence. What stays here is the line protocol: the
 * greeting, {@code /help}, {@code /quit}, where plain lines go, and the sign-in deadline.
 * Everything it answers is queued on the connection ({@link SocketConnection#send}), so
 * that a fan-out never waits for this client; the socket server disconnects a client that
 * lets too much pile up.
 */
final class TcpChatSession {

	/** The refusal reason of a client that did not sign in in time. */
	static final String SIGN_IN_TIMEOUT = "sign-in-timeout";

	/** The refusal counted for a line dropped by the rate limit. */
	static final String RATE_LIMIT = "rate-limit";

	private static final Log logger = LogFactory.getLog(TcpChatSession.class);

	private static final int PENDING = 0;

	private static final int SIGNED_IN = 1;

	private static final int TIMED_OUT = 2;

	private final SocketConnection connection;

	private final ChatService chat;

	private final ChatSession<byte[]> session;

	private final SignInDeadlines deadlines;

	private final Duration signInTimeout;

	private final Framing<String> lines;

	private final AtomicInteger signIn = new AtomicInteger(PENDING);

	private @Nullable Future<?> deadline;

	/** Where plain lines go: {@code #room} or a nickname. */
	private volatile @Nullable String target;

	TcpChatSession(String id, SocketConnection connection, ChatService chat, RateLimiter rateLimiter,
			SignInDeadlines deadlines, Duration signInTimeout) {
		this.connection = connection;
		this.chat = chat;
		this.deadlines = deadlines;
		this.signInTimeout = signInTimeout;
		this.lines = Framings.line(connection.maxRequestSize());
		this.session = new ChatSession<>(id, chat, rateLimiter, new Lines(), connection::send,
				() -> connection.countRefusal(RATE_LIMIT), false);
	}

	/**
	 * Return the chat session of this client.
	 * @return the session
	 */
	ChatSession<byte[]> session() {
		return this.session;
	}

	/**
	 * Serve the client until it quits or goes away.
	 */
	void run() {
		send(TcpChatLines.GREETING);
		this.deadline = this.deadlines.schedule(this::signInTimedOut, this.signInTimeout);
		try {
			while (true) {
				String line;
				String invalid = null;
				try {
					line = this.connection.read(this.lines);
				}
				catch (InvalidUtf8Exception ex) {
					// the whole line was read: the next one starts clean
					line = "";
					invalid = ex.getMessage();
				}
				if (line == null) {
					break;
				}
				if (!this.session.admit(null)) {
					continue;
				}
				if (invalid != null) {
					send(TcpChatLines.error(invalid + "; the line was ignored."));
				}
				else if (!handle(line)) {
					break;
				}
			}
		}
		catch (FramingException | SocketTimeoutException ex) {
			send(TcpChatLines.error(ex.getMessage() + "; closing the connection."));
		}
		catch (IOException ex) {
			logger.debug("TCP chat connection from " + this.connection.remoteAddress() + " failed: " + ex.getMessage());
		}
		finally {
			this.deadline.cancel(false);
			this.session.signOut();
		}
	}

	/**
	 * Close a connection that did not sign in within the timeout, with a last line saying
	 * why.
	 */
	private void signInTimedOut() {
		if (this.signIn.compareAndSet(PENDING, TIMED_OUT)) {
			this.connection.countRefusal(SIGN_IN_TIMEOUT);
			send(TcpChatLines.error("Not signed in within " + Durations.describe(this.signInTimeout)
					+ ": sign in with /auth <token> or /nick NAME right after connecting. Closing the connection."));
			this.connection.closeWhenSent();
		}
	}

	private boolean handle(String line) {
		String trimmed = line.strip();
		if (trimmed.isEmpty()) {
			return true;
		}
		if (!trimmed.startsWith("/")) {
			this.session.execute(null, () -> say(line));
			return true;
		}
		String[] words = trimmed.split("\\s+", 2);
		String argument = (words.length > 1) ? words[1].strip() : "";
		String command = words[0].toLowerCase(Locale.ROOT);
		if (command.equals("/quit")) {
			send("BYE");
			return false;
		}
		this.session.execute(null, () -> {
			switch (command) {
				case "/help" -> TcpChatLines.HELP.forEach(this::send);
				case "/auth" -> authenticate(argument);
				case "/nick" -> guest(argument);
				case "/join", "/leave", "/who", "/rooms" -> signedInCommand(command, argument);
				default -> throw new ChatException("Unknown command " + words[0] + ": type /help.");
			}
		});
		return true;
	}

	private void authenticate(String token) {
		requireSignedOut();
		ChatIdentity user = this.chat.authenticate(token)
			.orElseThrow(() -> new ChatException("Invalid token: use the token POST /api/users answered."));
		if (!beginSignIn()) {
			return;
		}
		this.session.signIn(user, null);
		this.deadline.cancel(false);
	}

	private void guest(String nickname) {
		requireSignedOut();
		ChatIdentity guest = this.chat.guest(nickname);
		if (!beginSignIn()) {
			return;
		}
		try {
			this.session.signInGuest(guest, null);
			this.deadline.cancel(false);
		}
		catch (RuntimeException ex) {
			abandonSignIn();
			throw ex;
		}
	}

	/**
	 * Win the race against the sign-in deadline.
	 * @return {@code false} when the deadline passed: the connection is closing
	 */
	private boolean beginSignIn() {
		return this.signIn.compareAndSet(PENDING, SIGNED_IN);
	}

	/**
	 * Go back to waiting for a sign-in, timing out now if the deadline passed meanwhile.
	 */
	private void abandonSignIn() {
		this.signIn.set(PENDING);
		if (this.deadline.isDone()) {
			signInTimedOut();
		}
	}

	private void requireSignedOut() {
		if (this.session.isSignedIn()) {
			throw new ChatException("You are already signed in as " + nickname() + ".");
		}
	}

	private void signedInCommand(String command, String argument) {
		requireSignedIn();
		switch (command) {
			case "/join" -> join(argument);
			case "/leave" -> leave(argument);
			case "/who" -> this.session.handle(new ChatCommand.Who(null, null));
			default -> this.session.handle(new ChatCommand.ListRooms(null));
		}
	}

	/**
	 * {@code /join #room [id]}: join a room (with its messages after {@code id}, when
	 * given); {@code /join nickname}: plain lines go to that person.
	 */
	private void join(String argument) {
		if (argument.isEmpty()) {
			throw new ChatException("Usage: /join #room or /join nickname.");
		}
		if (!argument.startsWith("#")) {
			String nickname = this.chat.recipient(argument).nickname();
			this.target = nickname;
			send(nickname + " JOINED");
			return;
		}
		String[] words = argument.split("\\s+", 2);
		Long since = (words.length > 1) ? since(words[1]) : null;
		this.session.handle(new ChatCommand.Join(words[0], since, null));
	}

	private void leave(String argument) {
		String room = argument.isEmpty() ? this.target : argument;
		if (room == null || !room.startsWith("#")) {
			throw new ChatException("Usage: /leave #room (you are not in a room).");
		}
		this.session.handle(new ChatCommand.Leave(room, null));
	}

	private static Long since(String id) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new ChatException(
					"Usage: /join #room [id]: the id of the last message you have, to get the ones " + "after it.");
		}
	}

	private void say(String text) {
		requireSignedIn();
		String current = this.target;
		if (current == null) {
			throw new ChatException("Choose where your lines go first: /join #room or /join nickname.");
		}
		if (current.startsWith("#")) {
			this.session.handle(new ChatCommand.Say(current, text, null));
		}
		else {
			this.session.handle(new ChatCommand.Direct(current, text, null));
		}
	}

	private void requireSignedIn() {
		if (!this.session.isSignedIn()) {
			throw new ChatException("Sign in first: /auth <token> or /nick NAME.");
		}
	}

	private String nickname() {
		return this.session.identity().nickname();
	}

	private void send(String line) {
		this.connection.send(TcpChatLines.bytes(line));
	}

	/**
	 * The answers of the line chat, as {@code nc} shows them ({@link TcpChatLines}); a
	 * join or a leave also moves where plain lines go.
	 */
	private final class Lines implements ChatReplies<byte[]> {

		@Override
		public List<byte[]> welcome(ChatIdentity identity, ChatService.Online online, @Nullable Object ref) {
			String greeting = identity.isGuest() ? "OK you are " + identity.nickname() + " (guest)"
					: "OK signed in as " + identity.nickname();
			return List.of(TcpChatLines.bytes(greeting), TcpChatLines.bytes(TcpChatLines.online(online)));
		}

		@Override
		public List<byte[]> history(ChatService.RoomHistory history, String reader, @Nullable Object ref) {
			TcpChatSession.this.target = "#" + history.room();
			List<byte[]> answer = new ArrayList<>();
			answer.add(TcpChatLines.bytes("#" + history.room() + " JOINED"));
			history.messages().forEach((message) -> answer.add(TcpChatLines.message(message, reader)));
			return answer;
		}

		@Override
		public List<byte[]> left(String room, @Nullable Object ref) {
			if (("#" + room).equals(TcpChatSession.this.target)) {
				TcpChatSession.this.target = null;
			}
			return List.of(TcpChatLines.bytes("#" + room + " LEFT"));
		}

		@Override
		public byte[] online(@Nullable String room, List<String> nicknames, @Nullable Object ref) {
			return TcpChatLines.bytes(TcpChatLines.online(nicknames));
		}

		@Override
		public byte[] rooms(Map<String, Integer> rooms, @Nullable Object ref) {
			return TcpChatLines.bytes(TcpChatLines.rooms(rooms));
		}

		@Override
		public byte[] error(String message, @Nullable Object ref) {
			return TcpChatLines.bytes(TcpChatLines.error(message));
		}

		/** The client typed its own lines: they are not sent back to it. */
		@Override
		public byte @Nullable [] message(ChatEvent.MessagePosted event, String reader, boolean origin) {
			if (origin) {
				return null;
			}
			ChatMessage message = event.message();
			// one array per event and kind of reader, shared by every TCP connection
			return event.rendered(TcpChatLines.encoder(message, reader));
		}

		@Override
		public byte[] presence(ChatEvent.PresenceChanged event) {
			return event.rendered(TcpChatLines.PRESENCE_LINE);
		}

		@Override
		public String units() {
			return "lines";
		}

	}

}
