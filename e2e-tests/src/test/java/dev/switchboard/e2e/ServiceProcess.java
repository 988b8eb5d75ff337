package dev.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * One service of the suite running as its own JVM, from its Boot jar, with the
 * environment docker compose would give it.
 */
final class ServiceProcess {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path jar;

	private final Map<String, String> environment;

	private final int httpPort;

	private final Path log;

	private final Path workingDirectory;

	private volatile Process process;

	private Duration lastStartup = Duration.ZERO;

	ServiceProcess(String name, Path jar, Map<String, String> environment, int httpPort, Path logDirectory) {
		this.name = name;
		this.jar = jar;
		this.environment = environment;
		this.httpPort = httpPort;
		this.log = logDirectory.resolve(name + ".log");
		this.workingDirectory = logDirectory.resolve(name);
	}

	String name() {
		return this.name;
	}

	int httpPort() {
		return this.httpPort;
	}

	/** Return the file the service logs to (standard output and error). */
	Path log() {
		return this.log;
	}

	String url() {
		return "http://127.0.0.1:" + this.httpPort;
	}

	Map<String, String> environment() {
		return this.environment;
	}

	Duration lastStartup() {
		return this.lastStartup;
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	synchronized void start() {
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException(this.jar + " is missing: build the suite first (./mvnw package)");
		}
		try {
			Files.createDirectories(this.workingDirectory);
			List<String> command = new ArrayList<>(
					List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", this.jar.toString()));
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
			builder.environment().putAll(this.environment);
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
	}

	/**
	 * Wait until the service reports itself ready, failing early if it dies.
	 * @param timeout the longest wait
	 */
	void awaitReady(Duration timeout) {
		Instant start = this.process.info().startInstant().orElse(Instant.now());
		try {
			await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(
							this.name + " exited with " + this.process.exitValue() + "; its log:\n" + tail());
				}
				return isReady();
			});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(this.name + " was not ready within " + timeout + "; its log:\n" + tail());
		}
		this.lastStartup = Duration.between(start, Instant.now());
	}

	boolean isReady() {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.build();
			return http.send(request, BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Stop the service as docker compose does: SIGTERM, then SIGKILL after a grace
	 * period.
	 * @param grace how long to wait for a graceful exit
	 */
	synchronized void stop(Duration grace) {
		Process running = this.process;
		if (running == null || !running.isAlive()) {
			return;
		}
		running.destroy();
		try {
			if (!running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Send SIGTERM, as {@code docker compose stop} does first, without waiting.
	 */
	synchronized void terminate() {
		Process running = this.process;
		if (running != null && running.isAlive()) {
			running.destroy();
		}
	}

	/**
	 * Wait for the process to exit.
	 * @param timeout the longest wait
	 * @return its exit code
	 */
	int awaitExit(Duration timeout) {
		Process running = this.process;
		try {
			if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(this.name + " did not exit within " + timeout + "; its log:\n" + tail());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return running.exitValue();
	}

	/** Start the service again and wait until it is ready. */
	void restart(Duration timeout) {
		start();
		awaitReady(timeout);
	}

	/** Kill the service at once (SIGKILL), as a crash would. */
	synchronized void kill() {
		Process running = this.process;
		if (running != null && running.isAlive()) {
			try {
				running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
