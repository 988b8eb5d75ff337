package dev.switchboard.socket.server;

import org.jspecify.annotations.Nullable;

/**
 * Creates {@link SocketServer socket servers}, stopped.
 */
@FunctionalInterface
public interface SocketServerFactory {

	/**
	 * Create a server.
	 * @param settings the server's settings (name, transports, port, limits)
	 * @param socketHandler the protocol for TCP connections; required when the settings
	 * include {@link Transport#TCP}
	 * @param datagramHandler the protocol for datagrams; required when the settings
	 * include {@link Transport#UDP}
	 * @return a server, not yet started
	 */
	SocketServer getSocketServer(SocketServerSettings settings, @Nullable SocketHandler socketHandler,
			@Nullable DatagramHandler datagramHandler);

}
