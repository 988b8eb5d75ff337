package dev.switchboard.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's five-minute tour as a reader would paste it: every shell and Python
 * snippet of the section, in order, in one shell ({@code set -euo pipefail}: a failing
 * command or a variable never set fails the tour), against the running suite. Only the
 * addresses change: {@code localhost:8080} becomes the gateway and the published raw
 * ports the suite's. The node.js WebSocket example is left to the WebSocket tests.
 */
class ReadmeTourIT {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private static final Pattern SECTION = Pattern.compile("(?ms)^## A five-minute tour\\n(.*?)(?=^## )");

	private static final Pattern SNIPPET = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```");

	private static final Pattern RAW_PORT = Pattern.compile("localhost(\\s+|\",\\s*)(3000|3001|3002|3007)\\b");

	private static Suite suite;

	@TempDir
	private Path directory;

	@BeforeAll
	static void startSuite() {
		suite = Suite.shared();
		suite.ensureHealthy();
	}

	@Test
	void shouldRunTheReadmeTourAsWritten() throws Exception {
		for (String tool : List.of("bash", "curl", "nc", "jq", "python3")) {
			assertThat(onPath(tool))
				.as("%s is needed to run the README tour: apt-get install bash curl "
						+ "netcat-openbsd jq python3-requests", tool)
				.isTrue();
		}
		List<Snippet> snippets = snippets(Files.readString(Suite.root().resolve("README.md")));
		assertThat(snippets).extracting(Snippet::language).contains("bash", "python");
		String script = script(snippets);
		assertThat(script).as("every address is the suite's, none a service on this machine")
			.doesNotContain("localhost");
		// the course's client, as the tour asks: in the directory python3 starts from
		Files.copy(Suite.root().resolve("contacts-service/src/test/resources/seeds/contact_client.py"),
				this.directory.resolve("contact_client.py"));
		Path file = Files.writeString(this.directory.resolve("tour.sh"), script);

		Run run = bash(file);

		assertThat(run.exitCode()).as("the README tour failed (the last ### line names the snippet):\n%s", run.output())
			.isZero();
		assertThat(run.output()).as(run.output())
			.contains("Serveur a reçu Hello server", "\"status\":\"coding\"", "\"text\":\"hi bob\"",
					"grace@example.org", "BYE");
		assertThat(this.directory.resolve("downloads/report.pdf")).hasContent("Quarterly numbers");
	}

	private static List<Snippet> snippets(String readme) {
		Matcher section = SECTION.matcher(readme);
		assertThat(section.find()).as("README.md has a section '## A five-minute tour'").isTrue();
		int offset = readme.substring(0, section.start(1)).split("\n", -1).length;
		List<Snippet> snippets = new ArrayList<>();
		Matcher snippet = SNIPPET.matcher(section.group(1));
		while (snippet.find()) {
			String language = snippet.group(1);
			if (language.equals("bash") || language.equals("python")) {
				int line = offset + section.group(1).substring(0, snippet.start()).split("\n", -1).length - 1;
				snippets.add(new Snippet(language, line, snippet.group(2)));
			}
		}
		return snippets;
	}

	private static String script(List<Snippet> snippets) {
		URI gateway = URI.create(suite.gatewayUrl());
		StringBuilder script = new StringBuilder("set -euo pipefail\n");
		int number = 0;
		for (Snippet snippet : snippets) {
			number++;
			String code = snippet.code().replace("localhost:8080", gateway.getHost() + ":" + gateway.getPort());
			Matcher raw = RAW_PORT.matcher(code);
			code = raw.replaceAll(
					(port) -> "127.0.0.1" + port.group(1) + suite.publishedPort(Integer.parseInt(port.group(2))));
			script.append("echo '### README snippet ")
				.append(number)
				.append(" (")
				.append(snippet.language())
				.append(", README.md line ")
				.append(snippet.line())
				.append(")'\n");
			if (snippet.language().equals("python")) {
				String end = "README_PYTHON_" + number;
				script.append("python3 - <<'").append(end).append("'\n").append(code).append(end).append('\n');
			}
			else {
				script.append(code);
			}
		}
		return script.append("echo '### README tour done'\n").toString();
	}

	private Run bash(Path script) throws IOException, InterruptedException {
		Path output = this.directory.resolve("tour.out");
		Process process = new ProcessBuilder("bash", script.toString()).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			process.waitFor();
			throw new AssertionError("The README tour did not finish within " + TIMEOUT + ":\n"
					+ Files.readString(output, StandardCharsets.UTF_8));
		}
		return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	private static boolean onPath(String command) {
		for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
			if (new File(directory, command).canExecute()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A fenced code block of the tour.
	 *
	 * @param language {@code bash} or {@code python}
	 * @param line the line of its opening fence in README.md
	 * @param code its text
	 */
	private record Snippet(String language, int line, String code) {

	}

	/**
	 * How the tour ended.
	 *
	 * @param exitCode the shell's exit code
	 * @param output what it printed, standard error included
	 */
	private record Run(int exitCode, String output) {

	}

}
