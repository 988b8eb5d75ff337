package dev.switchboard.test.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis for tests: Debian's {@code redis-server} started as a process of its own
 * on a free port of 127.0.0.1, keeping nothing on disk. It can be stopped and started
 * again on the same port (a Redis outage), or killed. A missing {@code redis-server}
 * fails the calling test with a message that says how to install it: it never skips.
 */
public final class RedisServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final String executable;

	private final int port;

	private final Path directory;

	private Process process;

	private RedisServer(String executable, int port, Path directory) {
		this.executable = executable;
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Start a Redis server on a free port.
	 * @return the running server
	 */
	public static RedisServer start() {
		return start(freePort());
	}

	/**
	 * Start a Redis server on a given port: one outside the kernel's ephemeral range is
	 * still free when the server starts again after an outage (no outgoing connection can
	 * have taken it meanwhile).
	 * @param port the port on 127.0.0.1
	 * @return the running server
	 */
	public static RedisServer start(int port) {
		try {
			RedisServer server = new RedisServer(executable(), port, Files.createTempDirectory("switchboard-redis-"));
			server.restart();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the port the server listens on, the same across restarts.
	 * @return the port on 127.0.0.1
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the server's address as Spring Data Redis takes it.
	 * @return {@code redis://127.0.0.1:<port>}
	 */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Return whether the server process is running.
	 * @return whether it runs
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Start the server again after {@link #stop()} or {@link #kill()}, on the same port,
	 * empty, and wait until it answers {@code PING}.
	 */
	public synchronized void restart() {
		if (isRunning()) {
			return;
		}
		List<String> command = List.of(this.executable, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", this.directory.toString(), "--protected-mode", "no");
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.executable, ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answersPing()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				this.process.destroyForcibly();
				throw new IllegalStateException("redis-server did not start on port " + this.port + ": " + log());
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Stop the server (SIGTERM) and wait until it is gone: clients see their connections
	 * closed and new ones refused.
	 */
	public synchronized void stop() {
		end(false);
	}

	/**
	 * Kill the server (SIGKILL) and wait until it is gone.
	 */
	public synchronized void kill() {
		end(true);
	}

	@Override
	public void close() {
		kill();
	}

	private void end(boolean force) {
		if (this.process == null) {
			return;
		}
		if (force) {
			this.process.destroyForcibly();
		}
		else {
			this.process.destroy();
		}
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Send {@code PING} over RESP with a plain socket.
	 * @return whether the server answered {@code +PONG}
	 */
	public boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			socket.setSoTimeout(1000);
			OutputStream output = socket.getOutputStream();
			output.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			output.flush();
			InputStream input = socket.getInputStream();
			byte[] answer = input.readNBytes(7);
			return "+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String log() {
		try {
			return Files.readString(this.directory.resolve("redis.log"));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	private static String executable() {
		for (String directory : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin"
				+ File.pathSeparator + "/usr/local/bin")
			.split(File.pathSeparator)) {
			File candidate = new File(directory, "redis-server");
			if (!directory.isEmpty() && candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		throw new AssertionError(
				"redis-server not found: install it (apt-get install -y redis-server; .ci/run installs it)");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
