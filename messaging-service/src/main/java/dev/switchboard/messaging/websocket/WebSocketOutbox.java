package dev.switchboard.messaging.websocket;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator.OverflowStrategy;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * Sends frames to one WebSocket in order, without ever blocking the caller (a fan-out
 * loop over a thousand sockets must not wait for one slow client).
 * <p>
 * Frames go one at a time, each on a virtual thread, through a
 * {@link ConcurrentWebSocketSessionDecorator}: as soon as the decorator has queued a
 * frame (its message callback), the turn passes to the next frame's thread, even if this
 * thread now blocks writing to a client that does not read. The next frames then pile up
 * in the decorator's buffer, whose size and send-time limits close the session of a
 * client that cannot keep up. Order holds because frames enter the decorator's buffer one
 * after the other.
 * <p>
 * Under the decorator, Tomcat gathers frames in its output buffer (batching) and they are
 * written out as soon as no frame is left to send: a burst of small frames (a thousand
 * people coming online) costs a few writes rather than one per frame.
 */
final class WebSocketOutbox {

	private static final Log logger = LogFactory.getLog(WebSocketOutbox.class);

	private final ConcurrentWebSocketSessionDecorator session;

	private final Executor senders;

	private final Queue<Object> pending = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean turnTaken = new AtomicBoolean();

	/** Frames queued and not yet handed to the container. */
	private final AtomicInteger unsent = new AtomicInteger();

	private final Runnable onSlowClient;

	private volatile boolean closed;

	/**
	 * Create the outbox of a session.
	 * @param session the container's session
	 * @param sendTimeLimit how long one write may block before the session is closed
	 * @param bufferSizeLimit how many bytes may wait before the session is closed
	 * @param senders the executor of the sending threads (virtual threads)
	 * @param onSlowClient called when the client is disconnected for not keeping up
	 */
	WebSocketOutbox(WebSocketSession session, Duration sendTimeLimit, DataSize bufferSizeLimit, Executor senders,
			Runnable onSlowClient) {
		this.session = new ConcurrentWebSocketSessionDecorator(new BatchingSession(session, this.unsent),
				(int) sendTimeLimit.toMillis(), (int) bufferSizeLimit.toBytes(), OverflowStrategy.TERMINATE);
		this.senders = senders;
		this.onSlowClient = onSlowClient;
		this.session.setMessageCallback((message) -> passTurn());
	}

	/**
	 * Queue a frame.
	 * @param message the frame
	 */
	void send(WebSocketMessage<?> message) {
		if (this.closed) {
			return;
		}
		this.unsent.incrementAndGet();
		this.pending.add(message);
		takeTurnIfFree();
	}

	/**
	 * Close the session once the frames queued before are sent.
	 * @param status the close status
	 */
	void close(CloseStatus status) {
		if (this.closed) {
			return;
		}
		this.pending.add(status);
		takeTurnIfFree();
	}

	private void takeTurnIfFree() {
		if (this.turnTaken.compareAndSet(false, true)) {
			this.senders.execute(this::sendNext);
		}
	}

	/**
	 * Called once a frame is in the decorator's buffer, before it is written: the next
	 * frame's thread takes over, or, with nothing left to send, the turn is free again.
	 */
	private void passTurn() {
		if (!this.pending.isEmpty()) {
			this.senders.execute(this::sendNext);
			return;
		}
		this.turnTaken.set(false);
		if (!this.pending.isEmpty()) {
			takeTurnIfFree();
		}
	}

	private void sendNext() {
		Object next = this.pending.poll();
		if (next == null) {
			this.turnTaken.set(false);
			if (!this.pending.isEmpty()) {
				takeTurnIfFree();
			}
			return;
		}
		if (next instanceof CloseStatus status) {
			awaitFlushed();
			closeSession(status);
			return;
		}
		if (!this.session.isOpen() || this.closed) {
			this.pending.clear();
			this.closed = true;
			return;
		}
		try {
			// passes the turn (message callback) before writing, so it may block here
			// freely
			this.session.sendMessage((WebSocketMessage<?>) next);
		}
		catch (SessionLimitExceededException ex) {
			logger.info("Disconnecting a WebSocket client that cannot keep up (" + this.session.getRemoteAddress()
					+ "): " + ex.getMessage());
			this.onSlowClient.run();
			// what waited is dropped; the close frame goes out once the write under way
			// ends, which it does only if the client reads within the send-time limit
			this.pending.clear();
			awaitFlushed();
			closeSession(ex.getStatus());
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Sending to " + this.session.getRemoteAddress() + " failed: " + ex.getMessage());
			closeSession(CloseStatus.SESSION_NOT_RELIABLE);
		}
	}

	/**
	 * Wait until the frames queued before a close are written (the previous turns may
	 * still be writing), for at most the send-time limit.
	 */
	private void awaitFlushed() {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.session.getSendTimeLimit());
		int idleChecks = 0;
		while (idleChecks < 2 && System.nanoTime() < deadline && this.session.isOpen()) {
			boolean idle = this.session.getBufferSize() == 0 && this.session.getTimeSinceSendStarted() == 0;
			idleChecks = idle ? idleChecks + 1 : 0;
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void closeSession(CloseStatus status) {
		this.closed = true;
		this.pending.clear();
		try {
			this.session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Closing " + this.session.getId() + " failed: " + ex.getMessage());
		}
	}

}
