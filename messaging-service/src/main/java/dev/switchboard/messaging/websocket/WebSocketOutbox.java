package dev.switchboard.messaging.websocket;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Sends frames to one WebSocket in order, without ever blocking the caller (a fan-out
 * loop over ten thousand sockets must not wait for one slow client).
 * <p>
 * Frames wait in a queue of the outbox's own; one virtual thread at a time, started when
 * the queue goes from empty to not empty, writes out everything queued, then ends: one
 * thread per burst, however many frames it holds. While the burst lasts, the container
 * gathers frames in its output buffer (Jakarta WebSocket batching) and writes them out in
 * a few system calls; at its end the buffer is flushed and batching turned off again, so
 * that a pong the container answers between bursts goes out at once.
 * <p>
 * A client that does not read blocks the writing thread, never the caller. Frames then
 * pile up in the queue: a frame that finds more than {@code send-buffer-limit} bytes
 * waiting (behind the write under way) disconnects the client (4500, slow consumer), as
 * it is when one write blocks longer than {@code send-time-limit} (the container's
 * blocking-send timeout, set on the session).
 */
final class WebSocketOutbox {

	private static final Log logger = LogFactory.getLog(WebSocketOutbox.class);

	private static final CloseStatus SLOW_CONSUMER = CloseStatus.SESSION_NOT_RELIABLE
		.withReason("Too slow to read: disconnected");

	private final WebSocketSession session;

	private final RemoteEndpoint.@Nullable Basic remote;

	private final long sendTimeLimitNanos;

	private final long bufferSizeLimit;

	private final Executor senders;

	private final Runnable onSlowClient;

	/** Frames and, last, a close status. */
	private final Queue<Object> pending = new ConcurrentLinkedQueue<>();

	/** Bytes of the frames queued behind the one being written. */
	private final AtomicLong pendingBytes = new AtomicLong();

	private final AtomicBoolean writing = new AtomicBoolean();

	private final AtomicBoolean slowClient = new AtomicBoolean();

	/** When the write under way started ({@link System#nanoTime()}), 0 between writes. */
	private volatile long writeStartedAt;

	/**
	 * Set once a close is queued, or the session is closed: nothing is queued after it.
	 */
	private volatile boolean closed;

	/**
	 * Create the outbox of a session.
	 * @param session the container's session
	 * @param sendTimeLimit how long one write may block before the session is closed
	 * (also set as the container's blocking-send timeout)
	 * @param bufferSizeLimit how many bytes may wait before the session is closed
	 * @param senders the executor of the writing threads (virtual threads)
	 * @param onSlowClient called when the client is disconnected for not keeping up
	 */
	WebSocketOutbox(WebSocketSession session, Duration sendTimeLimit, DataSize bufferSizeLimit, Executor senders,
			Runnable onSlowClient) {
		this.session = session;
		this.remote = basicRemote(session);
		this.sendTimeLimitNanos = sendTimeLimit.toNanos();
		this.bufferSizeLimit = bufferSizeLimit.toBytes();
		this.senders = senders;
		this.onSlowClient = onSlowClient;
	}

	private static RemoteEndpoint.@Nullable Basic basicRemote(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof Session standard) {
			return standard.getBasicRemote();
		}
		return null;
	}

	/**
	 * Queue a frame.
	 * @param message the frame
	 */
	void send(WebSocketMessage<?> message) {
		if (this.closed) {
			return;
		}
		int length = message.getPayloadLength();
		// the limit is on what already waits behind a write under way: a frame larger
		// than the limit (a join's history may be) still goes when little waits before it
		if (this.pendingBytes.addAndGet(length) - length > this.bufferSizeLimit && this.writeStartedAt != 0) {
			disconnectSlowClient(this.bufferSizeLimit + " bytes wait to be sent");
			return;
		}
		this.pending.add(message);
		writeIfIdle();
	}

	/**
	 * Close the session once the frames queued before are sent.
	 * @param status the close status
	 */
	void close(CloseStatus status) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.pending.add(status);
		writeIfIdle();
	}

	private void writeIfIdle() {
		if (this.writing.compareAndSet(false, true)) {
			this.senders.execute(this::write);
		}
	}

	/**
	 * Write out whatever is queued, then give the turn back; take it again if a frame
	 * arrived meanwhile.
	 */
	private void write() {
		do {
			if (!writeQueued()) {
				return;
			}
			this.writing.set(false);
		}
		while (!this.pending.isEmpty() && this.writing.compareAndSet(false, true));
	}

	/**
	 * Write the frames queued, batched when there are several.
	 * @return {@code false} once the session is closed (the turn is never given back)
	 */
	private boolean writeQueued() {
		boolean batching = false;
		try {
			Object next;
			while ((next = this.pending.poll()) != null) {
				if (!this.session.isOpen()) {
					return stop();
				}
				if (next instanceof CloseStatus status) {
					endBatch(batching);
					closeSession(status);
					return false;
				}
				WebSocketMessage<?> message = (WebSocketMessage<?>) next;
				this.pendingBytes.addAndGet(-message.getPayloadLength());
				if (this.slowClient.get()) {
					// dropped: only the close is left to send
					continue;
				}
				if (!batching && !this.pending.isEmpty()) {
					batching = startBatch();
				}
				long started = System.nanoTime();
				this.writeStartedAt = started;
				try {
					this.session.sendMessage(message);
				}
				catch (IOException | RuntimeException ex) {
					if (System.nanoTime() - started >= this.sendTimeLimitNanos) {
						disconnectSlowClient("one write blocked for " + Duration.ofNanos(this.sendTimeLimitNanos));
						closeSession(SLOW_CONSUMER);
						return false;
					}
					logger.debug("Sending to " + this.session.getRemoteAddress() + " failed: " + ex.getMessage());
					closeSession(CloseStatus.SESSION_NOT_RELIABLE);
					return false;
				}
				finally {
					this.writeStartedAt = 0;
				}
			}
			endBatch(batching);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Flushing to " + this.session.getRemoteAddress() + " failed: " + ex.getMessage());
			closeSession(CloseStatus.SESSION_NOT_RELIABLE);
			return false;
		}
	}

	private boolean stop() {
		this.closed = true;
		this.pending.clear();
		return false;
	}

	private boolean startBatch() {
		if (this.remote == null) {
			return false;
		}
		try {
			this.remote.setBatchingAllowed(true);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Batching not available, frames are written one by one: " + ex.getMessage());
			return false;
		}
	}

	/** Flushes the container's buffer: every frame, a pong too, is written at once. */
	private void endBatch(boolean batching) throws IOException {
		if (batching && this.remote != null) {
			this.remote.setBatchingAllowed(false);
		}
	}

	/**
	 * Disconnect a client that does not read: what waited is dropped, and the close frame
	 * goes out once the write under way ends, which it does only if the client reads
	 * within the send-time limit.
	 */
	private void disconnectSlowClient(String why) {
		if (!this.slowClient.compareAndSet(false, true)) {
			return;
		}
		this.closed = true;
		this.pending.clear();
		this.pending.add(SLOW_CONSUMER);
		logger.info("Disconnecting a WebSocket client that cannot keep up (" + this.session.getRemoteAddress() + "): "
				+ why);
		this.onSlowClient.run();
		writeIfIdle();
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
