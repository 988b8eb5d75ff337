package dev.switchboard.messaging.websocket;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The innermost layer of a {@link WebSocketOutbox}: lets the container gather frames in
 * its output buffer (Jakarta WebSocket batching) and flushes it once the outbox has no
 * frame left to send. Only ever called by the one thread holding the outer decorator's
 * flush lock.
 */
final class BatchingSession extends WebSocketSessionDecorator {

	private static final Log logger = LogFactory.getLog(BatchingSession.class);

	private final AtomicInteger unsent;

	private final RemoteEndpoint.Basic remote;

	BatchingSession(WebSocketSession session, AtomicInteger unsent) {
		super(session);
		this.unsent = unsent;
		this.remote = batchingRemote(session);
	}

	private static RemoteEndpoint.Basic batchingRemote(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession
				&& nativeSession.getNativeSession() instanceof Session standard) {
			try {
				RemoteEndpoint.Basic remote = standard.getBasicRemote();
				remote.setBatchingAllowed(true);
				return remote;
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Batching not available, every frame is written at once: " + ex.getMessage());
			}
		}
		return null;
	}

	@Override
	public void sendMessage(WebSocketMessage<?> message) throws IOException {
		boolean last;
		try {
			super.sendMessage(message);
		}
		finally {
			last = this.unsent.decrementAndGet() == 0;
		}
		if (last && this.remote != null) {
			this.remote.flushBatch();
		}
	}

}
