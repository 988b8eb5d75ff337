package dev.switchboard.socket.server;

import java.io.IOException;
import java.util.Set;

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
 * <li>{@link SocketConnection#write} blocks until the socket took the bytes;
 * {@link SocketConnection#send} queues them for a writer thread of the connection and
 * returns at once (chat fan-out). Both may be called from any thread; what waits to be
 * written counts against the server's write budgets, and a connection over one, or whose
 * client read nothing for {@code write-timeout}, is closed.</li>
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

	/**
	 * Return the refusal reasons of this protocol, counted with
	 * {@link SocketConnection#countRefusal(String)} beside the starter's own
	 * ({@link Refusals}), for example {@code sign-in-timeout}.
	 * @return the reasons, each a meter tag value; none by default
	 */
	default Set<String> refusalReasons() {
		return Set.of();
	}

}
