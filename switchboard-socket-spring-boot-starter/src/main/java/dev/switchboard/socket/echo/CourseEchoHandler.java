package dev.switchboard.socket.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.switchboard.socket.framing.Framings;
import dev.switchboard.socket.framing.InvalidUtf8Exception;
import dev.switchboard.socket.server.SocketConnection;
import dev.switchboard.socket.server.SocketHandler;

/**
 * The course's TCP echo ({@code HelloTCPHandler}): reads once (up to the server's
 * {@code max-request-size}), replies the prefix followed by the bytes received, closes.
 * It is a text protocol: a message that is not valid UTF-8 (overlong forms included) is
 * answered with one error line instead, then the connection is closed.
 *
 * <pre>
 * client sends:  Hello server
 * server sends:  Serveur a reçu Hello server      (then closes)
 * client sends:  42 61 64 20 c0 af                ("Bad " and an overlong "/")
 * server sends:  ERROR request is not valid UTF-8: byte 0xC0 at offset 4 cannot be there\n   (then closes)
 * </pre>
 *
 * A client that connects and closes without sending anything gets nothing; one that sends
 * nothing is closed after the idle timeout.
 */
public class CourseEchoHandler implements SocketHandler {

	/**
	 * The course's reply prefix.
	 */
	public static final String DEFAULT_PREFIX = "Serveur a reçu ";

	/**
	 * What the error line sent for invalid UTF-8 starts with.
	 */
	public static final String ERROR_PREFIX = "ERROR ";

	private final byte[] prefix;

	/**
	 * Create a handler.
	 * @param prefix what the reply starts with, before the message
	 */
	public CourseEchoHandler(String prefix) {
		this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void handle(SocketConnection connection) throws IOException {
		byte[] message;
		try {
			message = connection.read(Framings.oneReadText(Math.max(4, connection.maxRequestSize())));
		}
		catch (InvalidUtf8Exception ex) {
			connection.write(ERROR_PREFIX + ex.getMessage() + "\n");
			return;
		}
		if (message == null) {
			return;
		}
		byte[] reply = new byte[this.prefix.length + message.length];
		System.arraycopy(this.prefix, 0, reply, 0, this.prefix.length);
		System.arraycopy(message, 0, reply, this.prefix.length, message.length);
		connection.write(reply);
	}

}
