package dev.switchboard.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A client of the TCP line chat, as {@code nc} is: it sends lines and keeps every line it
 * receives, read by a thread of its own, so that a test can wait for one.
 */
final class TcpChat implements AutoCloseable {

	private final Socket socket;

	private final List<String> lines = new ArrayList<>();

	private volatile boolean ended;

	private TcpChat(int port) throws IOException {
		this.socket = new Socket();
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		Thread.ofVirtual().name("tcp-chat-" + port).start(() -> read(reader));
	}

	/**
	 * Connect to the line chat and wait for its greeting.
	 * @param port the chat's port on 127.0.0.1
	 * @return the client
	 */
	static TcpChat connect(int port) {
		try {
			TcpChat chat = new TcpChat(port);
			chat.await((line) -> line.startsWith("Welcome"), Duration.ofSeconds(15));
			return chat;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot connect to the chat on 127.0.0.1:" + port, ex);
		}
	}

	/**
	 * Send a line and wait for the first line from then on that matches.
	 * @param line the line to send
	 * @param answer what to wait for
	 * @return the matching line
	 */
	String ask(String line, Predicate<String> answer) {
		int from = size();
		send(line);
		return await(from, answer, Duration.ofSeconds(15));
	}

	void send(String line) {
		try {
			this.socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
			this.socket.getOutputStream().flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot send " + line, ex);
		}
	}

	String await(Predicate<String> matching, Duration timeout) {
		return await(0, matching, timeout);
	}

	/**
	 * Wait for the first line received from the given position on that matches.
	 * @param from how many received lines to skip
	 * @param matching what to wait for
	 * @param timeout the longest wait
	 * @return the line
	 */
	String await(int from, Predicate<String> matching, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		synchronized (this.lines) {
			while (true) {
				for (int i = from; i < this.lines.size(); i++) {
					if (matching.test(this.lines.get(i))) {
						return this.lines.get(i);
					}
				}
				long left = Duration.between(Instant.now(), deadline).toMillis();
				if (left <= 0 || this.ended) {
					throw new AssertionError("No matching line within " + timeout + (this.ended ? " (closed)" : "")
							+ "; received: " + this.lines);
				}
				try {
					this.lines.wait(Math.min(left, 500));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	int size() {
		synchronized (this.lines) {
			return this.lines.size();
		}
	}

	List<String> lines() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

	private void read(BufferedReader reader) {
		try {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				synchronized (this.lines) {
					this.lines.add(line);
					this.lines.notifyAll();
				}
			}
		}
		catch (IOException ex) {
			// closed: the lines so far stay
		}
		finally {
			this.ended = true;
			synchronized (this.lines) {
				this.lines.notifyAll();
			}
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
