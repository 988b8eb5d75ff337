package dev.switchboard.socket.context;

import org.springframework.context.ApplicationEvent;

import dev.switchboard.socket.server.SocketServer;

/**
 * Published when a {@link SocketServer} listens, for example to learn the port it bound
 * when 0 was asked.
 */
public class SocketServerInitializedEvent extends ApplicationEvent {

	/**
	 * Create an event.
	 * @param server the server that started
	 */
	public SocketServerInitializedEvent(SocketServer server) {
		super(server);
	}

	/**
	 * Return the server that started.
	 * @return the server
	 */
	public SocketServer getServer() {
		return (SocketServer) getSource();
	}

}
