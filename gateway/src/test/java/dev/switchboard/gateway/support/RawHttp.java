package dev.switchboard.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection driven byte by byte, as a hostile or very slow client would: it
 * sends exactly what it is given, when it is given it, and reads one answer.
 */
public final class RawHttp implements AutoCloseable {

	private final Socket socket;

	private RawHttp(Socket socket) {
		this.socket = socket;
	}

	/**
	 * Open a connection to a port of this machine.
	 * @param port the port
	 * @return the connection
	 */
	public static RawHttp connect(int port) {
		try {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			return new RawHttp(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public RawHttp send(String text) {
		return send(text.getBytes(StandardCharsets.UTF_8));
	}

	public RawHttp send(byte[] bytes) {
		try {
			this.socket.getOutputStream().write(bytes);
			this.socket.getOutputStream().flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read one answer: its head, then its body by {@code Content-Length}, or up to the
	 * end of the connection.
	 * @param timeout the longest wait for any byte
	 * @return the answer
	 * @throws SocketTimeoutException if nothing came for {@code timeout}
	 */
	public Answer read(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) timeout.toMillis());
		InputStream in = this.socket.getInputStream();
		String head = readHead(in);
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers
				.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						(name) -> new ArrayList<>())
				.add(lines[i].substring(colon + 1).trim());
		}
		List<String> length = headers.get("content-length");
		byte[] body = (length != null) ? in.readNBytes(Integer.parseInt(length.getFirst())) : in.readAllBytes();
		return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("Connection closed before an answer; got: " + head);
			}
			head.write(next);
			matched = (next == end[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.UTF_8).trim();
	}

	/**
	 * Whether the other side has closed the connection: reads until the end of the
	 * stream, for at most {@code timeout}.
	 * @param timeout the longest wait
	 * @return {@code true} once the stream has ended
	 */
	public boolean closedWithin(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) timeout.toMillis());
		try {
			while (this.socket.getInputStream().read() != -1) {
				// drain whatever comes first
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing a socket the other side may have closed: nothing to do
		}
	}

	/**
	 * An answer as it came on the wire.
	 *
	 * @param status the status code
	 * @param headers the headers, by lower-case name
	 * @param body the body as text
	 */
	public record Answer(int status, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null) ? values.getFirst() : null;
		}

	}

}
