package dev.switchboard.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw TCP client in the course's style: send bytes, then read until the server closes.
 */
final class Tcp implements AutoCloseable {

	private final Socket socket;

	private Tcp(int port, Duration timeout) throws IOException {
		this.socket = new Socket();
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		this.socket.setSoTimeout((int) timeout.toMillis());
	}

	static Tcp connect(int port, Duration timeout) {
		try {
			return new Tcp(port, timeout);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot connect to 127.0.0.1:" + port, ex);
		}
	}

	/**
	 * Send a request and read the whole reply, as the course's clients do.
	 * @param port the port on 127.0.0.1
	 * @param request the request text
	 * @return the reply text
	 */
	static String exchange(int port, String request) {
		try (Tcp tcp = connect(port, Duration.ofSeconds(15))) {
			tcp.send(request);
			return tcp.readToEnd();
		}
	}

	void send(String text) {
		try {
			this.socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
			this.socket.getOutputStream().flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String readToEnd() {
		try {
			InputStream in = this.socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
