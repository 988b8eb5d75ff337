package dev.switchboard.messaging.websocket;

import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import dev.switchboard.messaging.system.MessagingProperties;

/**
 * Once a second: closes the sockets that did not authenticate in time or went silent (not
 * even answering pings), and pings the others every ping interval so that dead peers and
 * idle proxies are noticed.
 */
@Component
class WebSocketSweeper {

	private final ChatWebSocketHandler handler;

	private final WebSocketCommands commands;

	private final WebSocketRefusals refusals;

	private final MessagingProperties.WebSocket settings;

	private long lastPingAt = System.nanoTime();

	WebSocketSweeper(ChatWebSocketHandler handler, WebSocketCommands commands, WebSocketRefusals refusals,
			MessagingProperties properties) {
		this.handler = handler;
		this.commands = commands;
		this.refusals = refusals;
		this.settings = properties.websocket();
	}

	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
	void sweep() {
		long authTimeout = this.settings.authTimeout().toNanos();
		long pingInterval = this.settings.pingInterval().toNanos();
		boolean pingNow = System.nanoTime() - this.lastPingAt >= pingInterval;
		if (pingNow) {
			this.lastPingAt = System.nanoTime();
		}
		for (WebSocketChatConnection connection : this.handler.connections()) {
			if (connection.isClosing()) {
				// already told why, and closed once its last frames are out
				continue;
			}
			if (!connection.isAuthenticated()) {
				if (connection.nanosSinceOpened() > authTimeout) {
					this.refusals.authTimedOut();
					this.commands.reject(connection, "No auth frame within " + this.settings.authTimeout().toSeconds()
							+ " s: send {\"type\":\"auth\",\"token\":\"<your token>\"} first.", null);
				}
			}
			else if (connection.nanosSinceHeard() > 3 * pingInterval) {
				connection.close(CloseStatus.SESSION_NOT_RELIABLE.withReason("No answer to pings"));
			}
			else if (pingNow) {
				connection.ping();
			}
		}
	}

}
