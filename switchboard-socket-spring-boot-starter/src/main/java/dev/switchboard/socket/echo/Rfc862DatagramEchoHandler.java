package dev.switchboard.socket.echo;

import java.net.InetSocketAddress;

import dev.switchboard.socket.server.DatagramHandler;

/**
 * RFC 862 echo over UDP: each datagram goes back to its sender, unchanged (octets, not
 * text). The server's datagram guard decides first whom to answer: never a well-known
 * source port nor a UDP port of this application, and within rate budgets per source and
 * in all.
 */
public class Rfc862DatagramEchoHandler implements DatagramHandler {

	@Override
	public byte[] handle(byte[] payload, InetSocketAddress sender) {
		return payload;
	}

}
