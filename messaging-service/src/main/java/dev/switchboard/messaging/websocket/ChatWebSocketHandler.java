package dev.switchboard.messaging.websocket;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.switchboard.messaging.chat.ChatReplica;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.chat.RateLimiters;
import dev.switchboard.messaging.system.MessagingProperties;

/**
 * The WebSocket chat at {@code /ws/chat}: keeps one {@link WebSocketChatConnection} per
 * socket, puts frames back together under the size limit and hands them to
 * {@link WebSocketCommands}. At most {@code max-sessions} sockets are open at once: the
 * handshake interceptor answers 503 past it, and a socket that still got through (several
 * handshakes at the same moment) is closed with 1013, try again later.
 */
@Component
class ChatWebSocketHandler extends TextWebSocketHandler {

	private static final Log logger = LogFactory.getLog(ChatWebSocketHandler.class);

	/** Tomcat's per-session bound on a blocking write (default 20 s). */
	private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final WebSocketFrames frames;

	private final WebSocketCommands commands;

	private final MessagingProperties properties;

	private final WebSocketRefusals refusals;

	private final ChatReplica replica;

	private final ChatService chat;

	private final RateLimiters rateLimiters;

	/** Each send runs on a virtual thread of its own: cheap, and free to block. */
	private final Executor senders = Thread::startVirtualThread;

	private final ConcurrentMap<String, WebSocketChatConnection> connections = new ConcurrentHashMap<>();

	ChatWebSocketHandler(WebSocketFrames frames, WebSocketCommands commands, WebSocketRefusals refusals,
			MessagingProperties properties, ChatService chat, RateLimiters rateLimiters, ChatReplica replica,
			MeterRegistry registry) {
		this.chat = chat;
		this.rateLimiters = rateLimiters;
		this.replica = replica;
		this.frames = frames;
		this.commands = commands;
		this.refusals = refusals;
		this.properties = properties;
		Gauge.builder("switchboard.chat.websocket.sessions", this.connections, Map::size)
			.description("Open chat WebSockets")
			.register(registry);
	}

	/**
	 * Return whether as many chat WebSockets are open as {@code max-sessions} allows.
	 * @return whether a new one would be refused
	 */
	boolean isFull() {
		return this.connections.size() >= this.properties.websocket().maxSessions();
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws IOException {
		MessagingProperties.WebSocket settings = this.properties.websocket();
		boundBlockingWrites(session, settings.sendTimeLimit().toMillis());
		WebSocketOutbox outbox = new WebSocketOutbox(session, settings.sendTimeLimit(), settings.sendBufferLimit(),
				this.senders, this.refusals::slowConsumer);
		WebSocketChatConnection connection = new WebSocketChatConnection(
				this.replica.connectionId("ws", session.getId()), outbox, this.frames, this.chat,
				this.rateLimiters.newLimiter(), new FrameAssembler((int) settings.maxFrameSize().toBytes()),
				this.refusals::rateLimited);
		this.connections.put(session.getId(), connection);
		if (this.connections.size() > settings.maxSessions()) {
			// its handshake passed the interceptor's check at the same moment as others
			this.connections.remove(session.getId());
			this.refusals.chatFull();
			logger.info("Chat full (" + settings.maxSessions() + " WebSockets): closing " + session.getRemoteAddress());
			session.close(CloseStatus.SERVICE_OVERLOAD.withReason("The chat is full, try again later"));
		}
	}

	private static void boundBlockingWrites(WebSocketSession session, long millis) {
		if (session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof Session standard) {
			standard.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, millis);
		}
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		WebSocketChatConnection connection = this.connections.get(session.getId());
		if (connection == null) {
			return;
		}
		connection.heard();
		FrameAssembler.Result result = connection.assembler().add(message);
		if (result.isTooLarge()) {
			this.refusals.frameTooLarge();
			this.commands.reject(connection, "Frame too large: the limit is "
					+ this.properties.websocket().maxFrameSize().toBytes() + " bytes. It was dropped.", null);
		}
		else if (result.payload() != null) {
			try {
				this.commands.handle(connection, result.payload());
			}
			finally {
				if (!this.connections.containsKey(session.getId())) {
					// the socket closed while it was signing in
					this.commands.signOut(connection);
				}
			}
		}
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		WebSocketChatConnection connection = this.connections.get(session.getId());
		if (connection != null) {
			connection.heard();
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		WebSocketChatConnection connection = this.connections.remove(session.getId());
		if (connection != null) {
			this.commands.signOut(connection);
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	Collection<WebSocketChatConnection> connections() {
		return this.connections.values();
	}

}
