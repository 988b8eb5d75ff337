package dev.switchboard.socket.server;

/**
 * The transport protocols a socket server can listen on.
 */
public enum Transport {

	/**
	 * TCP: connections served by a {@link SocketHandler}.
	 */
	TCP,

	/**
	 * UDP: datagrams answered by a {@link DatagramHandler}.
	 */
	UDP

}
