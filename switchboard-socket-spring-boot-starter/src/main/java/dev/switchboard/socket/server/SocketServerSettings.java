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

	private Duration writeTimeout = Duration.ofSeconds(10);

	private DataSize maxUnsentPerConnection = DataSize.ofMegabytes(1);

	private DataSize maxUnsentPerServer = DataSize.ofMegabytes(32);

	private int minSourcePort = 1024;

	private int sourceRate = 100;

	private int sourceBurst = 200;

	private int maxSources = 10_000;

	private int globalRate = 2000;

	private int globalBurst = 4000;

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

	public Duration getWriteTimeout() {
		return this.writeTimeout;
	}

	/**
	 * Set how long a write to a TCP client may make no progress (the client stopped
	 * reading) before the connection is closed.
	 * @param writeTimeout a positive duration
	 */
	public void setWriteTimeout(Duration writeTimeout) {
		Assert.isTrue(isPositive(writeTimeout), "'writeTimeout' must be positive");
		this.writeTimeout = writeTimeout;
	}

	public DataSize getMaxUnsentPerConnection() {
		return this.maxUnsentPerConnection;
	}

	/**
	 * Set how many bytes handed over to one TCP connection may wait to be written; past
	 * it the connection is closed.
	 * @param maxUnsentPerConnection at least 1 byte, at most the server's budget
	 */
	public void setMaxUnsentPerConnection(DataSize maxUnsentPerConnection) {
		Assert.isTrue(maxUnsentPerConnection.toBytes() > 0, "'maxUnsentPerConnection' must be positive");
		this.maxUnsentPerConnection = maxUnsentPerConnection;
	}

	public DataSize getMaxUnsentPerServer() {
		return this.maxUnsentPerServer;
	}

	/**
	 * Set how many bytes may wait to be written over all the TCP connections of the
	 * server; a write or send that would go past it closes its connection.
	 * @param maxUnsentPerServer at least 1 byte
	 */
	public void setMaxUnsentPerServer(DataSize maxUnsentPerServer) {
		Assert.isTrue(maxUnsentPerServer.toBytes() > 0, "'maxUnsentPerServer' must be positive");
		this.maxUnsentPerServer = maxUnsentPerServer;
	}

	public int getMinSourcePort() {
		return this.minSourcePort;
	}

	/**
	 * Set the lowest UDP source port answered: datagrams from the well-known ports of
	 * other services (echo 7, chargen 19, DNS 53) are dropped so that two services never
	 * bounce one datagram between them.
	 * @param minSourcePort from 0 (answer every port) to 65535
	 */
	public void setMinSourcePort(int minSourcePort) {
		Assert.isTrue(minSourcePort >= 0 && minSourcePort <= 65535, "'minSourcePort' must be between 0 and 65535");
		this.minSourcePort = minSourcePort;
	}

	public int getSourceRate() {
		return this.sourceRate;
	}

	/**
	 * Set how many datagrams per second one source address is answered, on average.
	 * @param sourceRate a positive rate
	 */
	public void setSourceRate(int sourceRate) {
		Assert.isTrue(sourceRate > 0, "'sourceRate' must be positive");
		this.sourceRate = sourceRate;
	}

	public int getSourceBurst() {
		return this.sourceBurst;
	}

	/**
	 * Set how many datagrams one source address is answered at once before its rate
	 * applies.
	 * @param sourceBurst a positive number
	 */
	public void setSourceBurst(int sourceBurst) {
		Assert.isTrue(sourceBurst > 0, "'sourceBurst' must be positive");
		this.sourceBurst = sourceBurst;
	}

	public int getMaxSources() {
		return this.maxSources;
	}

	/**
	 * Set how many source addresses the UDP rate limit remembers; past it the one heard
	 * from least recently is forgotten.
	 * @param maxSources a positive number
	 */
	public void setMaxSources(int maxSources) {
		Assert.isTrue(maxSources > 0, "'maxSources' must be positive");
		this.maxSources = maxSources;
	}

	public int getGlobalRate() {
		return this.globalRate;
	}

	/**
	 * Set how many datagrams per second the server answers in all, on average, whatever
	 * their sources.
	 * @param globalRate a positive rate
	 */
	public void setGlobalRate(int globalRate) {
		Assert.isTrue(globalRate > 0, "'globalRate' must be positive");
		this.globalRate = globalRate;
	}

	public int getGlobalBurst() {
		return this.globalBurst;
	}

	/**
	 * Set how many datagrams the server answers at once before its global rate applies.
	 * @param globalBurst a positive number
	 */
	public void setGlobalBurst(int globalBurst) {
		Assert.isTrue(globalBurst > 0, "'globalBurst' must be positive");
		this.globalBurst = globalBurst;
	}

	private static boolean isPositive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}

	@Override
	public String toString() {
		return this.name + " " + this.transports + " port " + this.port;
	}

}
