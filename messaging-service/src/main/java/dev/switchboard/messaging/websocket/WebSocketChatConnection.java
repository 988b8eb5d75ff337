package dev.switchboard.messaging.websocket;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;

import dev.switchboard.messaging.chat.ChatIdentity;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.chat.ChatSession;
import dev.switchboard.messaging.chat.RateLimiter;

/**
 * One WebSocket of the chat: its {@link ChatSession} (the protocol), its outbox, the
 * assembler of its frames, and when it was last heard from. Deliveries wait for the
 * welcome from the start: a socket signs in with its first frame.
 */
final class WebSocketChatConnection {

	private final ChatSession<TextMessage> session;

	private final WebSocketOutbox outbox;

	private final FrameAssembler assembler;

	private final long openedAt = System.nanoTime();

	private volatile long lastHeardAt = System.nanoTime();

	private volatile boolean closing;

	WebSocketChatConnection(String id, WebSocketOutbox outbox, WebSocketFrames frames, ChatService chat,
			RateLimiter rateLimiter, FrameAssembler assembler, Runnable rateLimited) {
		this.outbox = outbox;
		this.assembler = assembler;
		this.session = new ChatSession<>(id, chat, rateLimiter, frames, outbox::send, rateLimited, true);
	}

	ChatSession<TextMessage> session() {
		return this.session;
	}

	String id() {
		return this.session.id();
	}

	ChatIdentity identity() {
		return this.session.identity();
	}

	boolean isAuthenticated() {
		return this.session.isSignedIn();
	}

	FrameAssembler assembler() {
		return this.assembler;
	}

	void heard() {
		this.lastHeardAt = System.nanoTime();
	}

	long nanosSinceHeard() {
		return System.nanoTime() - this.lastHeardAt;
	}

	long nanosSinceOpened() {
		return System.nanoTime() - this.openedAt;
	}

	/**
	 * Answer the client directly, ahead of any held delivery.
	 * @param frame the answer
	 */
	void reply(TextMessage frame) {
		this.session.reply(frame);
	}

	void ping() {
		this.outbox.send(new PingMessage());
	}

	void close(CloseStatus status) {
		this.closing = true;
		this.outbox.close(status);
	}

	/**
	 * Return whether the server decided to close this connection.
	 * @return whether {@link #close} was called
	 */
	boolean isClosing() {
		return this.closing;
	}

}
