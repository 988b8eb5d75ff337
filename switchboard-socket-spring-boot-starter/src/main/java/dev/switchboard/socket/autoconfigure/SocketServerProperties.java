package dev.switchboard.socket.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.switchboard.socket.server.Transport;

/**
 * Configuration of the raw socket servers: one entry per named server under
 * {@code switchboard.socket.servers.<name>}, bound to the handler bean of that name.
 *
 * @param servers Named servers, by name: port, address, transport, max-connections,
 * idle-timeout, request-timeout, max-request-size and enabled for each.
 * @param shutdownTimeout Time in-flight requests get to finish when the application
 * stops, before their connections are closed.
 */
@ConfigurationProperties("switchboard.socket")
public record SocketServerProperties(@Nullable Map<String, Server> servers,
		@DefaultValue("10s") Duration shutdownTimeout) {

	public SocketServerProperties {
		servers = (servers != null) ? new TreeMap<>(servers) : Map.of();
		if (shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException("switchboard.socket.shutdown-timeout must not be negative");
		}
		servers.forEach((name, server) -> server.validate(name));
	}

	/**
	 * One named server.
	 *
	 * @param port Port to listen on; 0 picks a free one, published as
	 * 'local.switchboard.socket.<name>.port'. Required.
	 * @param address Network address to listen on. Every interface when not set.
	 * @param transport Transports to listen on, on the same port: tcp, udp or both.
	 * @param maxConnections Maximum number of TCP connections served at once; more are
	 * closed at once.
	 * @param idleTimeout Maximum wait for the first byte of a request and between two
	 * reads.
	 * @param requestTimeout Maximum time for a whole request to arrive, from its first
	 * byte.
	 * @param maxRequestSize Maximum size of a request; for UDP, of a datagram (65507B at
	 * most, whatever is set).
	 * @param enabled Whether to start this server.
	 */
	public record Server(@Nullable Integer port, @Nullable InetAddress address,
			@DefaultValue("tcp") Set<Transport> transport, @DefaultValue("10000") int maxConnections,
			@DefaultValue("30s") Duration idleTimeout, @DefaultValue("30s") Duration requestTimeout,
			@DefaultValue("64KB") DataSize maxRequestSize, @DefaultValue("true") boolean enabled) {

		void validate(String name) {
			String prefix = "switchboard.socket.servers." + name + ".";
			check(!name.isBlank(), "switchboard.socket.servers must not have a blank name");
			if (!this.enabled) {
				return;
			}
			check(this.port != null, prefix + "port must be set (0 picks a free port)");
			check(this.port >= 0 && this.port <= 65535, prefix + "port must be between 0 and 65535, was " + this.port);
			check(!this.transport.isEmpty(), prefix + "transport must name tcp, udp or both");
			check(this.maxConnections > 0, prefix + "max-connections must be positive, was " + this.maxConnections);
			check(isPositive(this.idleTimeout), prefix + "idle-timeout must be positive, was " + this.idleTimeout);
			check(isPositive(this.requestTimeout),
					prefix + "request-timeout must be positive, was " + this.requestTimeout);
			check(this.maxRequestSize.toBytes() > 0 && this.maxRequestSize.toBytes() <= Integer.MAX_VALUE - 8,
					prefix + "max-request-size must be between 1B and 2GB, was " + this.maxRequestSize);
		}

		private static boolean isPositive(Duration duration) {
			return !duration.isNegative() && !duration.isZero();
		}

		private static void check(boolean condition, String message) {
			if (!condition) {
				throw new IllegalArgumentException(message);
			}
		}

	}

}
