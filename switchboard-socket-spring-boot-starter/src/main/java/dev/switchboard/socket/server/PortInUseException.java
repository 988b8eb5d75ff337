package dev.switchboard.socket.server;

import java.net.BindException;

/**
 * Thrown when a socket server cannot bind its port because something else listens on it.
 */
public class PortInUseException extends SocketServerException {

	private final String serverName;

	private final int port;

	private final Transport transport;

	/**
	 * Create an exception.
	 * @param serverName the server's name
	 * @param port the port asked for
	 * @param transport the transport that could not bind
	 * @param cause the bind failure
	 */
	public PortInUseException(String serverName, int port, Transport transport, BindException cause) {
		super("Socket server '" + serverName + "' cannot listen on " + transport + " port " + port + ": "
				+ cause.getMessage(), cause);
		this.serverName = serverName;
		this.port = port;
		this.transport = transport;
	}

	/**
	 * Return the server's name.
	 * @return the name
	 */
	public String getServerName() {
		return this.serverName;
	}

	/**
	 * Return the port that is taken.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the transport that could not bind.
	 * @return the transport
	 */
	public Transport getTransport() {
		return this.transport;
	}

}
