package dev.switchboard.socket.echo;

import java.io.IOException;

import dev.switchboard.socket.framing.Framing;
import dev.switchboard.socket.framing.Framings;
import dev.switchboard.socket.server.SocketConnection;
import dev.switchboard.socket.server.SocketHandler;

/**
 * RFC 862 echo over TCP: every byte received is sent back, until the client closes.
 *
 * <pre>
 * client sends:  hello\n   ...   bye\n   (then closes)
 * server sends:  hello\n   ...   bye\n   (then closes)
 * </pre>
 *
 * Reads in chunks of up to the server's {@code max-request-size}; the idle timeout closes
 * a silent client, the write timeout one that sends without reading. RFC 862 echoes
 * octets, not text: any byte goes back unchanged, invalid UTF-8 included.
 */
public class Rfc862EchoHandler implements SocketHandler {

	@Override
	public void handle(SocketConnection connection) throws IOException {
		Framing<byte[]> chunks = Framings.oneRead(connection.maxRequestSize());
		byte[] chunk;
		while ((chunk = connection.read(chunks)) != null) {
			connection.write(chunk);
		}
	}

}
