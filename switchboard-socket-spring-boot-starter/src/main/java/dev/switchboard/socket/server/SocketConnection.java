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
	 * Write bytes to the client, blocking until the socket took them. Thread-safe:
	 * concurrent writes do not interleave, and bytes queued by {@link #send} before go
	 * first. The bytes count against the server's write budgets while they wait: past
	 * {@code max-unsent-per-connection} or {@code max-unsent-per-server} the connection
	 * is closed, and a write that makes no progress for {@code write-timeout} (the client
	 * stopped reading) closes it too.
	 * @param bytes the array holding the bytes
	 * @param offset the first byte to write
	 * @param length how many bytes to write
	 * @throws IOException when the connection is closed, broken, or was closed for going
	 * over a budget
	 */
	void write(byte[] bytes, int offset, int length) throws IOException;

	/**
	 * Write bytes to the client, blocking until the socket took them: see
	 * {@link #write(byte[], int, int)}.
	 * @param bytes the bytes to send
	 * @throws IOException when the connection is closed or broken
	 */
	default void write(byte[] bytes) throws IOException {
		write(bytes, 0, bytes.length);
	}

	/**
	 * Write text to the client, encoded in UTF-8, blocking: see
	 * {@link #write(byte[], int, int)}.
	 * @param text the text to send
	 * @throws IOException when the connection is closed or broken
	 */
	default void write(String text) throws IOException {
		write(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Queue bytes for the client without waiting: a writer thread of the connection
	 * (started on the first send) writes them in order. Meant for fan-out, where the
	 * sender must never wait for a slow client. The array is never copied, so one array
	 * encoded once may be sent to many connections; it must not be modified afterwards.
	 * Queued bytes count against {@code max-unsent-per-connection} and
	 * {@code max-unsent-per-server} until written: a send that would go over either
	 * closes this connection (never slows the sender), and the refusal is counted.
	 * @param bytes the bytes to send
	 * @return whether the bytes were queued: {@code false} when the connection is closed
	 * or closing, or was just closed for going over a budget
	 */
	boolean send(byte[] bytes);

	/**
	 * Queue text for the client, encoded in UTF-8, without waiting: see
	 * {@link #send(byte[])}.
	 * @param text the text to send
	 * @return whether the bytes were queued
	 */
	default boolean send(String text) {
		return send(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return how many bytes were handed to {@link #send} or {@link #write} and are not
	 * written to the socket yet.
	 * @return the unsent bytes of this connection
	 */
	long unsentBytes();

	/**
	 * Close the connection once what {@link #send} queued is written (within
	 * {@code write-timeout}); later sends are dropped. A {@link #read} blocked meanwhile
	 * then returns {@code null}. Any thread may call it: a timer that ends a session with
	 * a last line, for example.
	 */
	void closeWhenSent();

	/**
	 * Count a refusal decided by the handler in {@code switchboard.socket.refusals} with
	 * this server's tag (the starter counts its own refusals itself).
	 * @param reason one of the reasons the handler declares in
	 * {@link SocketHandler#refusalReasons()}
	 * @throws IllegalArgumentException when the handler did not declare the reason
	 */
	void countRefusal(String reason);

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
