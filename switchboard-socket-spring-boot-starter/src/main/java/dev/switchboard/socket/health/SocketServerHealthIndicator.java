package dev.switchboard.socket.health;

import java.net.InetSocketAddress;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerStatistics;

/**
 * Health of one socket server: UP while it listens, DOWN otherwise, with its port and
 * connection counts.
 */
public class SocketServerHealthIndicator extends AbstractHealthIndicator {

	private final SocketServer server;

	/**
	 * Create an indicator.
	 * @param server the server to report on
	 */
	public SocketServerHealthIndicator(SocketServer server) {
		super("Socket server health check failed");
		this.server = server;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		InetSocketAddress address = this.server.address();
		SocketServerStatistics statistics = this.server.statistics();
		if (address != null && this.server.isRunning()) {
			builder.up().withDetail("port", address.getPort());
		}
		else {
			builder.down().withDetail("port", this.server.settings().getPort());
		}
		builder.withDetail("transports", this.server.settings().getTransports())
			.withDetail("activeConnections", statistics.activeConnections())
			.withDetail("maxConnections", this.server.settings().getMaxConnections());
	}

}
