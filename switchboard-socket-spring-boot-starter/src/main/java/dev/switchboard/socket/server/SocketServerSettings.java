package dev.switchboard.socket.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * The settings of one named socket server: where it listens and the limits it enforces.
 * Bound from {@code switchboard.socket.servers.<name>}, then open to
 * {@link SocketServerCustomizer customizers}.
 */
public class SocketServerSettings {

	/**
	 * The largest UDP payload over IPv4.
	 */
	public static final int MAX_DATAGRAM_SIZE = 65_507;

	private final String name;

	private Set<Transport> transports = EnumSet.of(Transport.TCP);

	private @Nullable InetAddress address;

	private int port;

	private int backlog = 4096;

	private int maxConnections = 10_000;

	private Duration idleTimeout = Duration.ofSeconds(30);

	private Duration requestTimeout = Duration.ofSeconds(30);

	private DataSize maxRequestSize = DataSize.ofKilobytes(64);

	private Duration shutdownTimeout = Duration.ofSeconds(10);

	/**
	 * Create settings with the defaults.
	 * @param name the server's name
	 */
	public SocketServerSettings(String name) {
		Assert.hasText(name, "'name' must not be empty");
		this.name = name;
	}

	public String getName() {
		return this.name;
	}

	public Set<Transport> getTransports() {
		return this.transports;
	}

	public void setTransports(Set<Transport> transports) {
		Assert.notEmpty(transports, "'transports' must not be empty");
		this.transports = EnumSet.copyOf(transports);
	}

	public @Nullable InetAddress getAddress() {
		return this.address;
	}

	/**
	 * Set the address to listen on.
	 * @param address a local address, or {@code null} for every interface
	 */
	public void setAddress(@Nullable InetAddress address) {
		this.address = address;
	}

	public int getPort() {
		return this.port;
	}

	/**
	 * Set the port to listen on.
	 * @param port from 0 (a free port, published as
	 * {@code local.switchboard.socket.<name>.port}) to 65535
	 */
	public void setPort(int port) {
		Assert.isTrue(port >= 0 && port <= 65535, () -> "'port' must be between 0 and 65535, was " + port);
		this.port = port;
	}

	public int getBacklog() {
		return this.backlog;
	}

	/**
	 * Set the TCP listen backlog: connections the kernel queues before they are accepted.
	 * Kept high on purpose: a low backlog drops SYNs under bursts of connects.
	 * @param backlog the backlog
	 */
	public void setBacklog(int backlog) {
		Assert.isTrue(backlog > 0, "'backlog' must be positive");
		this.backlog = backlog;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		Assert.isTrue(maxConnections > 0, "'maxConnections' must be positive");
		this.maxConnections = maxConnections;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		Assert.isTrue(isPositive(idleTimeout), "'idleTimeout' must be positive");
		this.idleTimeout = idleTimeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		Assert.isTrue(isPositive(requestTimeout), "'requestTimeout' must be positive");
		this.requestTimeout = requestTimeout;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		Assert.isTrue(maxRequestSize.toBytes() > 0 && maxRequestSize.toBytes() <= Integer.MAX_VALUE - 8,
				"'maxRequestSize' must be between 1B and 2GB");
		this.maxRequestSize = maxRequestSize;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		Assert.isTrue(!shutdownTimeout.isNegative(), "'shutdownTimeout' must not be negative");
		this.shutdownTimeout = shutdownTimeout;
	}

	private static boolean isPositive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	@Override
	public String toString() {
		return this.name + " " + this.transports + " port " + this.port;
	}

}
