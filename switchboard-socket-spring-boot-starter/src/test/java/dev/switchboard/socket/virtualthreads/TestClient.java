package dev.switchboard.socket.virtualthreads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain blocking client with a read timeout, so that a broken server fails a test
 * instead of hanging it.
 */
final class TestClient implements AutoCloseable {

	private final Socket socket;

	private TestClient(Socket socket) {
		this.socket = socket;
	}

	static TestClient connect(int port) {
		try {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
			socket.setSoTimeout(5000);
			return new TestClient(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	TestClient send(String text) throws IOException {
		return send(text.getBytes(StandardCharsets.UTF_8));
	}

	TestClient send(byte[] bytes) throws IOException {
		this.socket.getOutputStream().write(bytes);
		return this;
	}

	/**
	 * One {@code recv(1024)}, as the course's client does.
	 * @return what one read returned, or {@code null} at end of stream
	 */
	String receiveOnce() throws IOException {
		byte[] buffer = new byte[1024];
		int count = this.socket.getInputStream().read(buffer);
		return (count < 0) ? null : new String(buffer, 0, count, StandardCharsets.UTF_8);
	}

	/**
	 * Read until the server closes.
	 * @return everything received
	 */
	String receiveAll() throws IOException {
		return new String(this.socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
