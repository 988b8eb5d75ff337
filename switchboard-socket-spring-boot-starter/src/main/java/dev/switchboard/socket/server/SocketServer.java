package dev.switchboard.socket.server;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * A named raw socket server (TCP, UDP or both on one port), created stopped by a
 * {@link SocketServerFactory}.
 */
public interface SocketServer {

	/**
	 * Return the server's name.
	 * @return the name, as in {@code switchboard.socket.servers.<name>}
	 */
	String name();

	/**
	 * Return the settings the server was created with.
	 * @return the settings
	 */
	SocketServerSettings settings();

	/**
	 * Bind the port(s) and start serving. Does nothing when already started.
	 * @throws PortInUseException when the port is taken
	 * @throws SocketServerException when the server cannot start for another reason
	 */
	void start();

	/**
	 * Stop gracefully: stop accepting, close idle connections, let in-flight requests
	 * finish within the {@linkplain SocketServerSettings#getShutdownTimeout() shutdown
	 * timeout}, then close what remains. Does nothing when not started.
	 */
	void stop();

	/**
	 * Return whether the server is listening.
	 * @return {@code true} between a successful {@link #start()} and {@link #stop()}
	 */
	boolean isRunning();

	/**
	 * Return the address the server listens on.
	 * @return the bound address (with the actual port when 0 was asked), or {@code null}
	 * when not running
	 */
	@Nullable InetSocketAddress address();

	/**
	 * Return the server's counters.
	 * @return live statistics
	 */
	SocketServerStatistics statistics();

}
