package dev.switchboard.messaging.websocket;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

import dev.switchboard.messaging.chat.ChatCommand;
import dev.switchboard.messaging.chat.ChatIdentity;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.chat.ChatSession;
import dev.switchboard.messaging.system.MessagingProperties;

/**
 * Reads the frames of one WebSocket into the chat's commands ({@link ChatSession} carries
 * them out): {@code auth} first, then {@code join}, {@code leave}, {@code say},
 * {@code dm} and {@code who}. Every answer echoes the frame's {@code ref}. Signing in
 * takes one of the user's {@code max-sessions-per-user} places, signing out gives it
 * back.
 */
@Component
class WebSocketCommands {

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
		ChatSession<TextMessage> session = connection.session();
		if (!session.admit(frame.ref())) {
			return;
		}
		if (!session.isSignedIn()) {
			session.execute(frame.ref(), () -> authenticate(connection, frame));
			return;
		}
		switch (frame.type()) {
			case "join" -> session.handle(new ChatCommand.Join(frame.room(), frame.since(), frame.ref()));
			case "leave" -> session.handle(new ChatCommand.Leave(frame.room(), frame.ref()));
			case "say" -> session.handle(new ChatCommand.Say(frame.room(), frame.text(), frame.ref()));
			case "dm" -> session.handle(new ChatCommand.Direct(frame.to(), frame.text(), frame.ref()));
			case "who" -> session.handle(new ChatCommand.Who(frame.room(), frame.ref()));
			case "auth" -> session
				.reply(this.frames.error("Already signed in as " + session.identity().nickname() + ".", frame.ref()));
			default -> session.reply(this.frames.error(
					"Unknown frame type '" + abbreviate(frame.type()) + "': use join, leave, say, dm or who.",
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
		try {
			connection.session().signIn(identity.get(), frame.ref());
		}
		catch (RuntimeException ex) {
			this.userSockets.remove(userId, connection.id());
			throw ex;
		}
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
			connection.session().signOut();
			this.userSockets.remove(Objects.requireNonNull(connection.identity().userId()), connection.id());
		}
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
