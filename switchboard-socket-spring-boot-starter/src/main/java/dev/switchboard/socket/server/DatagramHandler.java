package dev.switchboard.socket.server;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * The protocol of a UDP socket server: answers one datagram.
 * <p>
 * Contract: {@link #handle} is called for every datagram received, in order, on the
 * server's receive thread, so it must be quick and never block on I/O. A datagram longer
 * than the server's {@code max-request-size} (at most 65,507 bytes) is truncated by the
 * operating system. What it throws is logged with the sender's address and counted; the
 * server carries on with the next datagram. A handler is bound to its named server like a
 * {@link SocketHandler} (bean name or {@code @Qualifier}).
 */
@FunctionalInterface
public interface DatagramHandler {

	/**
	 * Answer one datagram.
	 * @param payload the bytes received
	 * @param sender where the datagram came from
	 * @return the datagram to send back to the sender, or {@code null} to send nothing
	 * @throws IOException when the datagram cannot be answered
	 */
	byte @Nullable [] handle(byte[] payload, InetSocketAddress sender) throws IOException;

}
