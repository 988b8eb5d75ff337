package dev.switchboard.messaging.tcp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import dev.switchboard.messaging.chat.ChatConnection;
import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatException;
import dev.switchboard.messaging.chat.ChatIdentity;
import dev.switchboard.messaging.chat.ChatMessage;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.chat.RateLimiter;
import dev.switchboard.socket.framing.Framing;
import dev.switchboard.socket.framing.FramingException;
import dev.switchboard.socket.framing.Framings;
import dev.switchboard.socket.framing.InvalidUtf8Exception;
import dev.switchboard.socket.server.Durations;
import dev.switchboard.socket.server.SocketConnection;

/**
 * One client of the TCP line chat: reads its commands and lines, and is a
 * {@link ChatConnection} like any WebSocket, so both kinds of users share rooms,
 * nicknames and presence. Everything it answers is queued on the connection
 * ({@link SocketConnection#send}), so that a fan-out never waits for this client; the
 * socket server disconnects a client that lets too much pile up.
 */
final class TcpChatSession implements ChatConnection {

	/** The refusal reason of a client that did not sign in in time. */
	static final String SIGN_IN_TIMEOUT = "sign-in-timeout";

	private static final Log logger = LogFactory.getLog(TcpChatSession.class);

	private static final int PENDING = 0;

	private static final int SIGNED_IN = 1;

	private static final int TIMED_OUT = 2;

	private final String id;

	private final SocketConnection connection;

	private final ChatService chat;

	private final RateLimiter rateLimiter;

	private final SignInDeadlines deadlines;

	private final Duration signInTimeout;

	private final Framing<String> lines;

	private final AtomicInteger signIn = new AtomicInteger(PENDING);

	private volatile @Nullable ChatIdentity identity;

	private @Nullable Future<?> deadline;

	/** Where plain lines go: {@code #room} or a nickname. */
	private @Nullable String target;

	private final Object gate = new Object();

	private final List<Held> held = new ArrayList<>();

	private boolean holding;

	TcpChatSession(String id, SocketConnection connection, ChatService chat, RateLimiter rateLimiter,
			SignInDeadlines deadlines, Duration signInTimeout) {
		this.id = id;
		this.connection = connection;
		this.chat = chat;
		this.rateLimiter = rateLimiter;
		this.deadlines = deadlines;
		this.signInTimeout = signInTimeout;
		this.lines = Framings.line(connection.maxRequestSize());
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public ChatIdentity identity() {
		ChatIdentity current = this.identity;
		if (current == null) {
			throw new IllegalStateException("TCP chat session " + this.id + " is not signed in");
		}
		return current;
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
				if (!this.rateLimiter.tryAcquire()) {
					send(TcpChatLines
						.error("Too many lines: " + this.rateLimiter.describe() + ". This one was dropped."));
				}
				else if (invalid != null) {
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
			if (this.identity != null) {
				this.chat.signOut(this);
			}
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
		try {
			if (!trimmed.startsWith("/")) {
				say(line);
				return true;
			}
			String[] words = trimmed.split("\\s+", 2);
			String argument = (words.length > 1) ? words[1].strip() : "";
			String command = words[0].toLowerCase(Locale.ROOT);
			switch (command) {
				case "/quit" -> {
					send("BYE");
					return false;
				}
				case "/help" -> TcpChatLines.HELP.forEach(this::send);
				case "/auth" -> authenticate(argument);
				case "/nick" -> guest(argument);
				case "/join", "/leave", "/who", "/rooms" -> signedInCommand(command, argument);
				default -> throw new ChatException("Unknown command " + words[0] + ": type /help.");
			}
		}
		catch (ChatException ex) {
			send(TcpChatLines.error(ex.getMessage()));
		}
		catch (DataAccessException | TransactionException ex) {
			logger.warn("Storage unavailable for the TCP chat: " + ex.getMessage());
			send(TcpChatLines.error("The storage is unavailable right now: nothing was stored. Try again soon."));
		}
		return true;
	}

	private void authenticate(String token) {
		requireSignedOut();
		ChatIdentity user = this.chat.authenticate(token)
			.orElseThrow(() -> new ChatException("Invalid token: use the token POST /api/users answered."));
		if (!beginSignIn()) {
			return;
		}
		this.identity = user;
		hold();
		List<String> online = this.chat.signIn(this);
		release(List.of("OK signed in as " + user.nickname(), TcpChatLines.online(online)), null, 0);
		this.deadline.cancel(false);
	}

	private void guest(String nickname) {
		requireSignedOut();
		ChatIdentity guest = this.chat.guest(nickname);
		if (!beginSignIn()) {
			return;
		}
		this.identity = guest;
		hold();
		try {
			List<String> online = this.chat.signInGuest(this);
			release(List.of("OK you are " + guest.nickname() + " (guest)", TcpChatLines.online(online)), null, 0);
			this.deadline.cancel(false);
		}
		catch (ChatException ex) {
			this.identity = null;
			release(List.of(), null, 0);
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
		ChatIdentity current = this.identity;
		if (current != null) {
			throw new ChatException("You are already signed in as " + current.nickname() + ".");
		}
	}

	private void signedInCommand(String command, String argument) {
		if (this.identity == null) {
			throw new ChatException("Sign in first: /auth <token> or /nick NAME.");
		}
		switch (command) {
			case "/join" -> join(argument);
			case "/leave" -> leave(argument);
			case "/who" -> send(TcpChatLines.online(this.chat.online()));
			default -> send(TcpChatLines.rooms(this.chat.rooms()));
		}
	}

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
		hold();
		try {
			ChatService.RoomHistory history = this.chat.join(this, words[0], since);
			this.target = "#" + history.room();
			List<byte[]> answer = new ArrayList<>();
			answer.add(TcpChatLines.bytes("#" + history.room() + " JOINED"));
			history.messages().forEach((message) -> answer.add(TcpChatLines.message(message, nickname())));
			List<ChatMessage> messages = history.messages();
			releaseLines(answer, history.room(), messages.isEmpty() ? 0 : messages.getLast().id());
		}
		catch (RuntimeException ex) {
			release(List.of(), null, 0);
			throw ex;
		}
	}

	private void leave(String argument) {
		String room = argument.isEmpty() ? this.target : argument;
		if (room == null || !room.startsWith("#")) {
			throw new ChatException("Usage: /leave #room (you are not in a room).");
		}
		String name = this.chat.leave(this, room);
		if (("#" + name).equals(this.target)) {
			this.target = null;
		}
		send("#" + name + " LEFT");
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
		if (this.identity == null) {
			throw new ChatException("Sign in first: /auth <token> or /nick NAME.");
		}
		String current = this.target;
		if (current == null) {
			throw new ChatException("Choose where your lines go first: /join #room or /join nickname.");
		}
		if (current.startsWith("#")) {
			this.chat.say(this, current, text, null);
		}
		else {
			this.chat.sendDirect(this, current, text, null);
		}
	}

	private String nickname() {
		return identity().nickname();
	}

	@Override
	public void deliver(ChatEvent.MessagePosted event) {
		if (event.isFrom(this.id)) {
			return; // the client typed it
		}
		ChatMessage message = event.message();
		// one array per event and kind of reader, shared by every TCP connection
		byte[] line = event.rendered(TcpChatLines.encoder(message, nickname()));
		forward(new Held(line, message.room(), message.id()));
	}

	@Override
	public void deliver(ChatEvent.PresenceChanged event) {
		forward(new Held(event.rendered(TcpChatLines.PRESENCE_LINE), null, 0));
	}

	private void send(String line) {
		this.connection.send(TcpChatLines.bytes(line));
	}

	private void forward(Held line) {
		synchronized (this.gate) {
			if (this.holding) {
				this.held.add(line);
			}
			else {
				this.connection.send(line.line());
			}
		}
	}

	private void hold() {
		synchronized (this.gate) {
			this.holding = true;
		}
	}

	private void release(List<String> answer, @Nullable String room, long lastHistoryId) {
		releaseLines(answer.stream().map(TcpChatLines::bytes).toList(), room, lastHistoryId);
	}

	private void releaseLines(List<byte[]> answer, @Nullable String room, long lastHistoryId) {
		synchronized (this.gate) {
			answer.forEach(this.connection::send);
			for (Held line : this.held) {
				if (room == null || !room.equals(line.room()) || line.id() > lastHistoryId) {
					this.connection.send(line.line());
				}
			}
			this.held.clear();
			this.holding = false;
		}
	}

	/**
	 * A delivered line held back while a join is answered.
	 *
	 * @param line the line's bytes, shared with the other readers
	 * @param room the room of a room message
	 * @param id the id of a message
	 */
	private record Held(byte[] line, @Nullable String room, long id) {

	}

}
