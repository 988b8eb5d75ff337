package dev.switchboard.socket.server;

import java.io.IOException;

/**
 * The protocol of a TCP socket server: serves one accepted connection.
 * <p>
 * Contract:
 * <ul>
 * <li>{@link #handle} is called once per accepted connection, on a virtual thread of its
 * own, so it may block: read with {@link SocketConnection#read}, call a database, write
 * with {@link SocketConnection#write}.</li>
 * <li>{@link SocketConnection#read} returns {@code null} when the client closed the
 * connection cleanly between two messages (or the server is stopping while the client is
 * idle): return then. That is not an error.</li>
 * <li>It throws {@link IdleTimeoutException}, {@link RequestTimeoutException} and the
 * {@link dev.switchboard.socket.framing.FramingException framing exceptions} (too large,
 * malformed, truncated) with a message meant for the client: catch them to send a
 * protocol-level error reply, or let them propagate to just close the connection.</li>
 * <li>The server closes the connection when this method returns or throws. Whatever it
 * throws is logged with the client's address and counted in the server's error metric; it
 * never affects other connections or the accept loop.</li>
 * <li>{@link SocketConnection#write} may be called from other threads too (chat fan-out):
 * writes are serialised, and a write that makes no progress for the server's idle timeout
 * closes the connection.</li>
 * </ul>
 * A handler is bound to the named server ({@code switchboard.socket.servers.<name>.*})
 * whose name is the handler's bean name or its
 * {@link org.springframework.beans.factory.annotation.Qualifier @Qualifier} value.
 *
 * @see DatagramHandler
 * @see dev.switchboard.socket.framing.Framings
 */
@FunctionalInterface
public interface SocketHandler {

	/**
	 * Serve one connection, from its first byte to the end of the conversation.
	 * @param connection the accepted connection
	 * @throws IOException on a network error or a rejected request; the connection is
	 * then closed
	 */
	void handle(SocketConnection connection) throws IOException;

}
