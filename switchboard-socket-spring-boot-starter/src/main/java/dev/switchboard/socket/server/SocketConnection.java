package dev.switchboard.socket.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.switchboard.socket.framing.Framing;

/**
 * One accepted TCP connection, as a {@link SocketHandler} sees it.
 */
public interface SocketConnection {

	/**
	 * Return the name of the server that accepted this connection.
	 * @return the server name, as in {@code switchboard.socket.servers.<name>}
	 */
	String serverName();

	/**
	 * Return the client's address.
	 * @return the remote address
	 */
	InetSocketAddress remoteAddress();

	/**
	 * Return the largest request the server accepts, to build framings with.
	 * @return {@code max-request-size} in bytes
	 */
	int maxRequestSize();

	/**
	 * Read the next message. Waiting for its first byte is bounded by the server's idle
	 * timeout, the arrival of the whole message by its request timeout.
	 * @param <T> the message type
	 * @param framing how a message ends (see
	 * {@link dev.switchboard.socket.framing.Framings})
	 * @return the message, or {@code null} when the client closed the connection cleanly
	 * before the message's first byte, or the server is stopping while the client is idle
	 * @throws IdleTimeoutException when no byte arrived within the idle timeout
	 * @throws RequestTimeoutException when the message did not complete within the
	 * request timeout
	 * @throws dev.switchboard.socket.framing.FramingException when the message is too
	 * large, malformed or cut short
	 * @throws IOException on a network error
	 */
	<T> @Nullable T read(Framing<T> framing) throws IOException;

	/**
	 * Send bytes to the client. Thread-safe: concurrent writes do not interleave.
	 * @param bytes the bytes to send
	 * @throws IOException when the connection is closed or broken
	 */
	void write(byte[] bytes) throws IOException;

	/**
	 * Send text to the client, encoded in UTF-8.
	 * @param text the text to send
	 * @throws IOException when the connection is closed or broken
	 */
	default void write(String text) throws IOException {
		write(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return whether the connection is still open.
	 * @return {@code false} once closed by either side or by the server stopping
	 */
	boolean isOpen();

	/**
	 * Close the connection now. Any thread may call it; a blocked {@link #read} then
	 * fails.
	 */
	void close();

}
