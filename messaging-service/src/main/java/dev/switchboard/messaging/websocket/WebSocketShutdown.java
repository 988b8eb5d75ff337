package dev.switchboard.messaging.websocket;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * On shutdown, before the web server stops: closes every chat socket with 1001 (going
 * away), so that clients see an orderly close and reconnect, instead of a connection
 * dropped without a status. Not 1012 (service restart): Spring Cloud Gateway relays only
 * the close codes of RFC 6455 and turns 1012 into 1002, a protocol error.
 */
@Component
class WebSocketShutdown implements SmartLifecycle {

	private static final CloseStatus STOPPING = CloseStatus.GOING_AWAY.withReason("Service stopping: reconnect");

	/** How long the close frames may take to go out before the server stops anyway. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

	private final ChatWebSocketHandler handler;

	private volatile boolean running;

	WebSocketShutdown(ChatWebSocketHandler handler) {
		this.handler = handler;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		for (WebSocketChatConnection connection : this.handler.connections()) {
			connection.close(STOPPING);
		}
		long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
		while (!this.handler.connections().isEmpty() && System.nanoTime() < deadline) {
			try {
				TimeUnit.MILLISECONDS.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
