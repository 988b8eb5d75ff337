package dev.switchboard.socket.echo;

import java.net.InetSocketAddress;

import dev.switchboard.socket.server.DatagramHandler;

/**
 * RFC 862 echo over UDP: each datagram goes back to its sender, unchanged.
 */
public class Rfc862DatagramEchoHandler implements DatagramHandler {

	@Override
	public byte[] handle(byte[] payload, InetSocketAddress sender) {
		return payload;
	}

}
