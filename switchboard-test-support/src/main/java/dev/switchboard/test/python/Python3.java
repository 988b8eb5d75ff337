package dev.switchboard.test.python;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python 3 code (the course's own clients, verbatim) as a separate process. A
 * missing {@code python3} fails the calling test with a message that says how to install
 * it: it never skips.
 */
public final class Python3 {

	private Python3() {
	}

	/**
	 * Run a Python program given as source text.
	 * @param timeout how long the program may run before it is killed and the call fails
	 * @param environment extra environment variables
	 * @param source the program
	 * @param args the program's arguments ({@code sys.argv[1:]})
	 * @return what the program printed and its exit code
	 */
	public static Result run(Duration timeout, Map<String, String> environment, String source, String... args) {
		Path script;
		try {
			script = Files.createTempFile("switchboard-", ".py");
			Files.writeString(script, source, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			List<String> command = new ArrayList<>(List.of(executable(), "-X", "utf8", script.toString()));
			command.addAll(List.of(args));
			return execute(command, environment, timeout);
		}
		finally {
			script.toFile().delete();
		}
	}

	private static Result execute(List<String> command, Map<String, String> environment, Duration timeout) {
		try {
			Path stdout = Files.createTempFile("python-out", ".txt");
			Path stderr = Files.createTempFile("python-err", ".txt");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile());
			builder.environment().put("PYTHONIOENCODING", "utf-8");
			builder.environment().putAll(environment);
			Process process = builder.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("python3 did not finish within " + timeout + "; it printed:\n"
						+ Files.readString(stdout) + Files.readString(stderr));
			}
			Result result = new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
			Files.delete(stdout);
			Files.delete(stderr);
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the path of {@code python3}, failing when it is not installed.
	 * @return the executable
	 */
	public static String executable() {
		String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
		for (String directory : path.split(File.pathSeparator)) {
			File candidate = new File(directory, "python3");
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		throw new AssertionError("python3 is required by this test (the course's own Python clients run against "
				+ "the service) and was not found on PATH: install it, e.g. apt-get install python3 python3-requests");
	}

	/**
	 * What a Python program printed and how it ended.
	 *
	 * @param exitCode the exit code
	 * @param stdout the standard output
	 * @param stderr the standard error
	 */
	public record Result(int exitCode, String stdout, String stderr) {

		/**
		 * Return the standard output, failing with everything the program printed when it
		 * did not exit with 0.
		 * @return the standard output
		 */
		public String successfulOutput() {
			if (this.exitCode != 0) {
				throw new AssertionError("python3 exited with " + this.exitCode + "\nstdout:\n" + this.stdout
						+ "\nstderr:\n" + this.stderr);
			}
			return this.stdout;
		}

	}

}
