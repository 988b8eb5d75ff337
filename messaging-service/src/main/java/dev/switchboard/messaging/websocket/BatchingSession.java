package dev.switchboard.messaging.websocket;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The innermost layer of a {@link WebSocketOutbox}: lets the container gather frames in
 * its output buffer (Jakarta WebSocket batching) while the outbox has frames to send, and
 * flushes it and turns batching off as soon as it has none left. Only ever called by the
 * one thread holding the outer decorator's flush lock.
 * <p>
 * Batching is off between bursts because the container answers a client's ping itself, on
 * its reading thread, through the same remote endpoint: with batching left on, that pong
 * would wait in the buffer until the chat next sent something, which may be never.
 */
final class BatchingSession extends WebSocketSessionDecorator {

	private static final Log logger = LogFactory.getLog(BatchingSession.class);

	private final AtomicInteger unsent;

	private final RemoteEndpoint.@Nullable Basic remote;

	BatchingSession(WebSocketSession session, AtomicInteger unsent) {
		super(session);
		this.unsent = unsent;
		this.remote = batchingRemote(session);
	}

	private static RemoteEndpoint.@Nullable Basic batchingRemote(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof Session standard) {
			return standard.getBasicRemote();
		}
		return null;
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		startBatch();
		boolean last;
		try {
			super.sendMessage(message);
		}
		finally {
			last = this.unsent.decrementAndGet() == 0;
		}
		if (last && this.remote != null) {
			// flushes the buffer, then every frame (a pong too) is written at once
			this.remote.setBatchingAllowed(false);
		}
	}

	private void startBatch() {
		if (this.remote == null) {
			return;
		}
		try {
			this.remote.setBatchingAllowed(true);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Batching not available, this frame is written at once: " + ex.getMessage());
		}
	}

}
