package dev.switchboard.socket.server;

/**
 * Callback to tune a server's settings beyond the properties (listen backlog, limits
 * computed at runtime) before it is created. Applied in order to every named server:
 * check {@link SocketServerSettings#getName()} to tune one of them.
 */
@FunctionalInterface
public interface SocketServerCustomizer {

	/**
	 * Customize the settings of one server.
	 * @param settings the settings bound from {@code switchboard.socket.servers.<name>}
	 */
	void customize(SocketServerSettings settings);

}
