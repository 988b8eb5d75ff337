package dev.switchboard.socket.server;

import java.util.Set;

/**
 * Live counters of a {@link SocketServer}, read by its health indicator and meters.
 */
public interface SocketServerStatistics {

	/**
	 * Return the number of TCP connections being served now.
	 * @return the active connections
	 */
	int activeConnections();

	/**
	 * Return the number of TCP connections accepted and served since start.
	 * @return the accepted connections
	 */
	long acceptedConnections();

	/**
	 * Return the number of TCP connections closed at once because the server was full or
	 * stopping.
	 * @return the rejected connections
	 */
	long rejectedConnections();

	/**
	 * Return the number of datagrams received (UDP).
	 * @return the datagrams received
	 */
	long datagramsReceived();

	/**
	 * Return the number of bytes received, over every transport.
	 * @return the bytes received
	 */
	long bytesReceived();

	/**
	 * Return the number of bytes sent, over every transport.
	 * @return the bytes sent
	 */
	long bytesSent();

	/**
	 * Return the number of failed connections and datagrams: timeouts, rejected requests,
	 * network errors and handler exceptions.
	 * @return the errors
	 */
	long errors();

	/**
	 * Return the refusal reasons this server counts: {@link Refusals#TCP} and
	 * {@link Refusals#UDP} for the transports it listens on, and its handler's.
	 * @return the reasons
	 */
	Set<String> refusalReasons();

	/**
	 * Return how many clients were refused for a reason since start: connections closed,
	 * requests refused, datagrams dropped.
	 * @param reason a reason, from {@link #refusalReasons()}
	 * @return the refusals, 0 for a reason this server does not count
	 */
	long refusals(String reason);

	/**
	 * Return the bytes handed over to TCP connections and not yet written to their
	 * sockets, over every connection (what {@code max-unsent-per-server} bounds).
	 * @return the unsent bytes
	 */
	long unsentBytes();

}
