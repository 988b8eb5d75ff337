package dev.switchboard.socket.server;

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

}
