package dev.switchboard.messaging.websocket;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.web.socket.CloseStatus;

import dev.switchboard.messaging.chat.ChatException;
import dev.switchboard.messaging.chat.ChatIdentity;
import dev.switchboard.messaging.chat.ChatMessage;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.system.MessagingProperties;

/**
 * Carries out the frames of one WebSocket: {@code auth} first, then {@code join},
 * {@code leave}, {@code say}, {@code dm} and {@code who}. Every answer echoes the frame's
 * {@code ref}. Signing in takes one of the user's {@code max-sessions-per-user} places,
 * signing out gives it back.
 */
@Component
class WebSocketCommands {

	private static final Log logger = LogFactory.getLog(WebSocketCommands.class);

	private final ChatService chat;

	private final WebSocketFrames frames;

	private final WebSocketRefusals refusals;

	private final UserSockets userSockets;

	WebSocketCommands(ChatService chat, WebSocketFrames frames, WebSocketRefusals refusals,
			MessagingProperties properties) {
		this.chat = chat;
		this.frames = frames;
		this.refusals = refusals;
		this.userSockets = new UserSockets(properties.websocket().maxSessionsPerUser());
	}

	void handle(WebSocketChatConnection connection, String payload) {
		ClientFrame frame;
		try {
			frame = this.frames.parse(payload);
		}
		catch (InvalidFrameException ex) {
			reject(connection, ex.getMessage(), ex.ref());
			return;
		}
		if (!connection.rateLimiter().tryAcquire()) {
			this.refusals.rateLimited();
			connection.reply(this.frames.error(
					"Too many frames: " + connection.rateLimiter().describe() + ". This one was dropped.",
					frame.ref()));
			return;
		}
		try {
			if (!connection.isAuthenticated()) {
				authenticate(connection, frame);
				return;
			}
			switch (frame.type()) {
				case "join" -> join(connection, frame);
				case "leave" -> this.chat.leave(connection, frame.room());
				case "say" -> this.chat.say(connection, frame.room(), frame.text(), frame.ref());
				case "dm" -> this.chat.sendDirect(connection, frame.to(), frame.text(), frame.ref());
				case "who" -> who(connection, frame);
				case "auth" ->
					throw new ChatException("Already signed in as " + connection.identity().nickname() + ".");
				default -> throw new ChatException(
						"Unknown frame type '" + abbreviate(frame.type()) + "': use join, leave, say, dm or who.");
			}
		}
		catch (ChatException ex) {
			connection.reply(this.frames.error(ex.getMessage(), frame.ref()));
		}
		catch (DataAccessException | TransactionException ex) {
			logger.warn("Storage unavailable for a chat frame: " + ex.getMessage());
			connection.reply(this.frames.error(
					"The storage is unavailable right now: nothing was stored. Try again in a few seconds.",
					frame.ref()));
		}
	}

	private void authenticate(WebSocketChatConnection connection, ClientFrame frame) {
		if (!"auth".equals(frame.type())) {
			reject(connection, "Authenticate first: send {\"type\":\"auth\",\"token\":\"<your token>\"} "
					+ "as the first frame (POST /api/users gives a token).", frame.ref());
			return;
		}
		Optional<ChatIdentity> identity = (frame.token() != null) ? this.chat.authenticate(frame.token())
				: Optional.empty();
		if (identity.isEmpty()) {
			reject(connection, "Invalid token: use the token POST /api/users answered when you registered.",
					frame.ref());
			return;
		}
		long userId = Objects.requireNonNull(identity.get().userId());
		if (!this.userSockets.tryAdd(userId, connection.id())) {
			refuseTooMany(connection, frame.ref());
			return;
		}
		connection.authenticated(identity.get());
		List<String> online = this.chat.signIn(connection);
		connection.release(this.frames.welcome(identity.get().nickname(), online, frame.ref()), null, 0);
	}

	private void refuseTooMany(WebSocketChatConnection connection, @Nullable JsonNode ref) {
		int max = this.userSockets.maxPerUser();
		this.refusals.tooManyForUser();
		connection.reply(this.frames.error("Too many chat connections for this user: " + max
				+ " are open, the most one user may hold (switchboard.messaging.websocket.max-sessions-per-user). "
				+ "Close one of them, then connect again.", ref));
		connection
			.close(CloseStatus.POLICY_VIOLATION.withReason("too many chat connections for this user (" + max + ")"));
	}

	/**
	 * Take a connection out of the chat and give back its user's place. Idempotent: both
	 * the socket's close and a sign-in that finds its socket closed call it.
	 * @param connection the connection, signed in or not
	 */
	void signOut(WebSocketChatConnection connection) {
		if (connection.isAuthenticated()) {
			this.chat.signOut(connection);
			this.userSockets.remove(Objects.requireNonNull(connection.identity().userId()), connection.id());
		}
	}

	private void join(WebSocketChatConnection connection, ClientFrame frame) {
		connection.hold();
		try {
			ChatService.RoomHistory history = this.chat.join(connection, frame.room(), frame.since());
			List<ChatMessage> messages = history.messages();
			long lastId = messages.isEmpty() ? 0 : messages.getLast().id();
			connection.release(this.frames.history(history.room(), messages, frame.ref()), history.room(), lastId);
		}
		catch (RuntimeException ex) {
			String message = (ex instanceof ChatException) ? ex.getMessage()
					: "The room's history cannot be read right now; try to join again in a few seconds.";
			connection.release(this.frames.error(message, frame.ref()), null, 0);
			if (!(ex instanceof ChatException)) {
				logger.warn("Join failed: " + ex.getMessage());
			}
		}
	}

	private void who(WebSocketChatConnection connection, ClientFrame frame) {
		String room = frame.room();
		List<String> online = (room != null) ? this.chat.members(room) : this.chat.online();
		String name = (room != null && room.startsWith("#")) ? room.substring(1) : room;
		connection.reply(this.frames.online(name, online, frame.ref()));
	}

	/**
	 * Answer an error; before authentication, also close the socket (the protocol starts
	 * with {@code auth}).
	 * @param connection the connection
	 * @param message the error
	 * @param ref the frame's ref, if known
	 */
	void reject(WebSocketChatConnection connection, String message, @Nullable JsonNode ref) {
		connection.reply(this.frames.error(message, ref));
		if (!connection.isAuthenticated()) {
			connection.close(CloseStatus.POLICY_VIOLATION.withReason("Authenticate first"));
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

}
