package dev.switchboard.e2e;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} is valid for docker compose (checked without an engine) and
 * deploys what SPEC §9 asks: every service with a healthcheck, started once what it needs
 * is healthy, and the published ports.
 */
class DockerComposeFileIT {

	private final ComposeFile compose = ComposeFile.read(Suite.root().resolve("docker-compose.yml"));

	@Test
	void shouldBeAcceptedByDockerCompose() throws Exception {
		List<String> command = composeCommand();
		Process process = new ProcessBuilder(command).directory(Suite.root().toFile())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker compose config finished").isTrue();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.exitValue()).as("%s said: %s", command, output).isZero();
	}

	@Test
	void shouldGiveEveryServiceAHealthcheckAndWaitForHealthyDependencies() {
		for (String service : this.compose.serviceNames()) {
			assertThat(this.compose.healthcheck(service)).as(service + " healthcheck").isNotNull().containsKey("test");
			this.compose.dependsOn(service)
				.forEach((dependency, condition) -> assertThat(condition).as(service + " -> " + dependency)
					.isEqualTo(Map.of("condition", "service_healthy")));
		}
		assertThat(this.compose.dependsOn("contacts-service")).containsKey("postgres");
	}

	@Test
	void shouldPublishTheGatewayAndTheRawPorts() {
		assertThat(this.compose.publishedPorts("gateway")).containsExactly("8080:8080");
		assertThat(this.compose.publishedPorts("random-service")).contains("3000:3000", "3007:3007/tcp",
				"3007:3007/udp");
		assertThat(this.compose.publishedPorts("contacts-service")).containsExactly("3001:3001");
		assertThat(this.compose.publishedPorts("messaging-service")).containsExactly("3002:3002");
	}

	/**
	 * Compose v2 ({@code docker compose}) where installed, else Debian's v1
	 * {@code docker-compose}.
	 */
	private static List<String> composeCommand() throws Exception {
		try {
			Process v2 = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
			if (v2.waitFor(20, TimeUnit.SECONDS) && v2.exitValue() == 0) {
				return List.of("docker", "compose", "-f", "docker-compose.yml", "config", "-q");
			}
		}
		catch (IOException ex) {
			// no docker client at all: try docker-compose
		}
		for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			if (new File(directory, "docker-compose").canExecute()) {
				return List.of(directory + "/docker-compose", "-f", "docker-compose.yml", "config", "-q");
			}
		}
		throw new AssertionError("Validating docker-compose.yml needs docker compose v2 or docker-compose "
				+ "(apt-get install -y docker-compose; .ci/run installs it)");
	}

}
