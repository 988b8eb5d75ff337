package dev.switchboard.messaging.websocket;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;

import dev.switchboard.messaging.chat.ChatConnection;
import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatIdentity;
import dev.switchboard.messaging.chat.RateLimiter;

/**
 * One WebSocket of the chat: its identity once authenticated, its limits, and its outbox.
 * Deliveries from other connections are held while the connection is being answered (its
 * welcome, a room's history), so that answers come before the live frames they precede.
 */
final class WebSocketChatConnection implements ChatConnection {

	private final String id;

	private final WebSocketOutbox outbox;

	private final WebSocketFrames frames;

	private final RateLimiter rateLimiter;

	private final FrameAssembler assembler;

	private final long openedAt = System.nanoTime();

	private volatile long lastHeardAt = System.nanoTime();

	private volatile @Nullable ChatIdentity identity;

	private volatile boolean closing;

	private final Object gate = new Object();

	private final List<Held> held = new ArrayList<>();

	private boolean holding = true;

	WebSocketChatConnection(String id, WebSocketOutbox outbox, WebSocketFrames frames, RateLimiter rateLimiter,
			FrameAssembler assembler) {
		this.id = id;
		this.outbox = outbox;
		this.frames = frames;
		this.rateLimiter = rateLimiter;
		this.assembler = assembler;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public ChatIdentity identity() {
		ChatIdentity current = this.identity;
		if (current == null) {
			throw new IllegalStateException("Connection " + this.id + " is not authenticated");
		}
		return current;
	}

	boolean isAuthenticated() {
		return this.identity != null;
	}

	void authenticated(ChatIdentity identity) {
		this.identity = identity;
	}

	RateLimiter rateLimiter() {
		return this.rateLimiter;
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

	@Override
	public void deliver(ChatEvent.MessagePosted event) {
		TextMessage frame = (event.ref() != null && event.isFrom(this.id))
				? this.frames.message(event.message(), event.ref()) : event.rendered(this.frames.messageEncoder);
		forward(new Held(frame, event.message().room(), event.message().id()));
	}

	@Override
	public void deliver(ChatEvent.PresenceChanged event) {
		forward(new Held(event.rendered(this.frames.presenceEncoder), null, 0));
	}

	private void forward(Held frame) {
		synchronized (this.gate) {
			if (this.holding) {
				this.held.add(frame);
			}
			else {
				this.outbox.send(frame.frame());
			}
		}
	}

	/**
	 * Answer the client directly, ahead of any held delivery.
	 * @param frame the answer
	 */
	void reply(TextMessage frame) {
		this.outbox.send(frame);
	}

	/** Hold deliveries until {@link #release}. */
	void hold() {
		synchronized (this.gate) {
			this.holding = true;
		}
	}

	/**
	 * Send an answer, then the deliveries held meanwhile, and stop holding.
	 * @param answer the answer
	 * @param room the room whose history the answer carries, if any
	 * @param lastHistoryId the id of the history's last message: held messages of that
	 * room up to it are already in the history
	 */
	void release(TextMessage answer, @Nullable String room, long lastHistoryId) {
		synchronized (this.gate) {
			this.outbox.send(answer);
			for (Held frame : this.held) {
				if (room == null || !room.equals(frame.room()) || frame.id() > lastHistoryId) {
					this.outbox.send(frame.frame());
				}
			}
			this.held.clear();
			this.holding = false;
		}
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

	/**
	 * A delivery held back.
	 *
	 * @param frame the frame
	 * @param room the room of a room message
	 * @param id the id of a message
	 */
	private record Held(TextMessage frame, @Nullable String room, long id) {

	}

}
