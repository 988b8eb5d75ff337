package dev.switchboard.messaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of the TCP line chat that behaves like {@code nc}: sends lines ended by
 * {@code \n} and records every line received, until the server closes.
 */
public final class LineClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Stands for the end of the stream in the queue of lines. */
	private static final String CLOSED = new String("<closed>");

	private final Socket socket;

	private final OutputStream output;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	public LineClient(int port) {
		try {
			this.socket = new Socket();
			this.socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
			this.output = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofVirtual().start(this::read);
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// closed
		}
		this.lines.add(CLOSED);
	}

	public LineClient send(String line) {
		try {
			this.output.write((line + "\n").getBytes(StandardCharsets.UTF_8));
			this.output.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	/**
	 * Return the next line, failing after a timeout or at the end of the stream.
	 * @return the line
	 */
	public String next() {
		try {
			String line = this.lines.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (line == null) {
				throw new AssertionError("No line within " + TIMEOUT);
			}
			if (line == CLOSED) {
				this.lines.add(CLOSED);
				throw new AssertionError("The server closed the connection");
			}
			return line;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Skip lines until one matches.
	 * @param condition what the line must satisfy
	 * @return the line
	 */
	public String nextMatching(Predicate<String> condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String line = next();
			if (condition.test(line)) {
				return line;
			}
		}
		throw new AssertionError("No matching line within " + TIMEOUT);
	}

	/**
	 * Return the next line that is not a presence announcement ({@code * nick ...}).
	 * @return the line
	 */
	public String nextReply() {
		return nextMatching((line) -> !line.startsWith("* "));
	}

	/**
	 * Wait until the server closes the connection, skipping the lines before.
	 */
	public void awaitClosed() {
		try {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				if (this.lines.poll(100, TimeUnit.MILLISECONDS) == CLOSED) {
					return;
				}
			}
			throw new AssertionError("Still open after " + TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
