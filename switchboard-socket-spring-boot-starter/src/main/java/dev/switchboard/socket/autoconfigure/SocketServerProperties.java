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
 * @param servers Named servers, by name: port, address, transport (tcp), protocol (none:
 * the handler bean named like the server), max-connections (10000), idle-timeout (30s),
 * request-timeout (30s), max-request-size (64KB), write-timeout (10s),
 * max-unsent-per-connection (1MB), max-unsent-per-server (32MB), udp.min-source-port
 * (1024), udp.source-rate (100), udp.source-burst (200), udp.max-sources (10000),
 * udp.global-rate (2000), udp.global-burst (4000) and enabled (true) for each.
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
	 * @param protocol Protocol the starter serves on this server itself: course-echo (TCP
	 * only) or rfc862 (TCP and UDP). When not set, the application's handler bean named
	 * or qualified like the server serves it.
	 * @param maxConnections Maximum number of TCP connections served at once; more are
	 * closed at once.
	 * @param idleTimeout Maximum wait for the first byte of a request and between two
	 * reads.
	 * @param requestTimeout Maximum time for a whole request to arrive, from its first
	 * byte.
	 * @param maxRequestSize Maximum size of a request; for UDP, of a datagram (65507B at
	 * most, whatever is set).
	 * @param writeTimeout Maximum time a TCP client may read nothing of what is sent to
	 * it (no progress of a write) before its connection is closed.
	 * @param maxUnsentPerConnection Maximum number of bytes handed over to one TCP
	 * connection and not yet written to its socket; a write or send past it closes the
	 * connection.
	 * @param maxUnsentPerServer Maximum number of bytes handed over to all the TCP
	 * connections of the server and not yet written; a write or send past it closes its
	 * connection.
	 * @param udp Limits of the UDP answers, so that the server cannot be used as a
	 * reflector.
	 * @param enabled Whether to start this server.
	 */
	public record Server(@Nullable Integer port, @Nullable InetAddress address,
			@DefaultValue("tcp") Set<Transport> transport, @Nullable Protocol protocol,
			@DefaultValue("10000") int maxConnections, @DefaultValue("30s") Duration idleTimeout,
			@DefaultValue("30s") Duration requestTimeout, @DefaultValue("64KB") DataSize maxRequestSize,
			@DefaultValue("10s") Duration writeTimeout, @DefaultValue("1MB") DataSize maxUnsentPerConnection,
			@DefaultValue("32MB") DataSize maxUnsentPerServer, @DefaultValue Udp udp,
			@DefaultValue("true") boolean enabled) {

		void validate(String name) {
			String prefix = "switchboard.socket.servers." + name + ".";
			check(!name.isBlank(), "switchboard.socket.servers must not have a blank name");
			if (!this.enabled) {
				return;
			}
			check(this.port != null, prefix + "port must be set (0 picks a free port)");
			check(this.port >= 0 && this.port <= 65535, prefix + "port must be between 0 and 65535, was " + this.port);
			check(!this.transport.isEmpty(), prefix + "transport must name tcp, udp or both");
			check(this.protocol != Protocol.COURSE_ECHO || !this.transport.contains(Transport.UDP),
					prefix + "protocol course-echo is TCP only: set transport to tcp");
			check(this.maxConnections > 0, prefix + "max-connections must be positive, was " + this.maxConnections);
			check(isPositive(this.idleTimeout), prefix + "idle-timeout must be positive, was " + this.idleTimeout);
			check(isPositive(this.requestTimeout),
					prefix + "request-timeout must be positive, was " + this.requestTimeout);
			check(this.maxRequestSize.toBytes() > 0 && this.maxRequestSize.toBytes() <= Integer.MAX_VALUE - 8,
					prefix + "max-request-size must be between 1B and 2GB, was " + this.maxRequestSize);
			check(isPositive(this.writeTimeout), prefix + "write-timeout must be positive, was " + this.writeTimeout);
			check(this.maxUnsentPerConnection.toBytes() > 0,
					prefix + "max-unsent-per-connection must be positive, was " + this.maxUnsentPerConnection);
			check(this.maxUnsentPerConnection.toBytes() <= this.maxUnsentPerServer.toBytes(),
					prefix + "max-unsent-per-connection (" + this.maxUnsentPerConnection
							+ ") must not exceed max-unsent-per-server (" + this.maxUnsentPerServer + ")");
			this.udp.validate(prefix + "udp.");
		}

		private static boolean isPositive(Duration duration) {
			return !duration.isNegative() && !duration.isZero();
		}

	}

	/**
	 * A protocol the starter ships and serves on a server that names it, without a
	 * handler bean of the application.
	 */
	public enum Protocol {

		/**
		 * The course's TCP echo: one read, answered with the reply prefix and the bytes
		 * received, then close.
		 */
		COURSE_ECHO,

		/**
		 * RFC 862 echo: every byte back until the client closes (TCP), every datagram
		 * back to its sender (UDP).
		 */
		RFC862

	}

	/**
	 * Limits of a server's UDP answers: no answer to a well-known source port nor to a
	 * UDP port of this application (two echo services would bounce one datagram forever),
	 * and rate budgets per source address and in all. A datagram past them is dropped
	 * without an answer.
	 *
	 * @param minSourcePort Lowest source port answered; datagrams from lower ports
	 * (another service's echo 7, chargen 19, DNS 53) are dropped. 0 answers every port.
	 * @param sourceRate Datagrams per second answered to one source address, on average.
	 * @param sourceBurst Datagrams answered to one source address at once before its rate
	 * applies.
	 * @param maxSources Maximum number of source addresses whose budget is remembered;
	 * past it the one heard from least recently is forgotten.
	 * @param globalRate Datagrams per second answered in all, whatever their sources, on
	 * average.
	 * @param globalBurst Datagrams answered at once, in all, before the global rate
	 * applies.
	 */
	public record Udp(@DefaultValue("1024") int minSourcePort, @DefaultValue("100") int sourceRate,
			@DefaultValue("200") int sourceBurst, @DefaultValue("10000") int maxSources,
			@DefaultValue("2000") int globalRate, @DefaultValue("4000") int globalBurst) {

		void validate(String prefix) {
			check(this.minSourcePort >= 0 && this.minSourcePort <= 65535,
					prefix + "min-source-port must be between 0 and 65535, was " + this.minSourcePort);
			check(this.sourceRate > 0, prefix + "source-rate must be positive, was " + this.sourceRate);
			check(this.sourceBurst > 0, prefix + "source-burst must be positive, was " + this.sourceBurst);
			check(this.maxSources > 0, prefix + "max-sources must be positive, was " + this.maxSources);
			check(this.globalRate > 0, prefix + "global-rate must be positive, was " + this.globalRate);
			check(this.globalBurst > 0, prefix + "global-burst must be positive, was " + this.globalBurst);
		}

	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
