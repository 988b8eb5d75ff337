package dev.switchboard.e2e;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} is valid for docker compose (checked without an engine) and
 * deploys what the README says: every service with a healthcheck, started once what it
 * needs is healthy, the published ports, and two messaging replicas sharing one Redis.
 */
class DockerComposeFileIT {

	private final ComposeFile compose = ComposeFile.read(Suite.root().resolve("docker-compose.yml"));

	@Test
	void shouldBeAcceptedByDockerCompose() throws Exception {
		assertAccepted(composeCommand());
	}

	@Test
	void shouldBeAcceptedByDockerComposeWithTheObservabilityProfile() throws Exception {
		List<String> command = new ArrayList<>(composeCommand());
		command.add(command.indexOf("-f"), "observability");
		command.add(command.indexOf("observability"), "--profile");
		assertAccepted(command);
	}

	@Test
	void shouldScrapeEveryServiceAndProvisionTheDashboardWithTheObservabilityProfile() throws IOException {
		assertThat(this.compose.profiles("prometheus")).containsExactly("observability");
		assertThat(this.compose.profiles("grafana")).containsExactly("observability");
		assertThat(this.compose.profiles("jaeger")).containsExactly("observability");
		String prometheus = Files.readString(Suite.root().resolve("deploy/observability/prometheus.yml"));
		this.compose.builtServices().keySet().forEach((service) -> {
			int port = service.equals("gateway") ? 8090 : this.compose.exposedPort(service);
			assertThat(prometheus).as("scraped: " + service).contains("\"" + service + ":" + port + "\"");
			assertThat(this.compose.environmentNames(service)).as(service + " passes the OTLP switch on")
				.contains("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");
		});
		assertThat(this.compose.volumes("grafana")).contains(
				"./deploy/observability/grafana/provisioning:/etc/grafana/provisioning:ro",
				"./deploy/observability/grafana/dashboards:/var/lib/grafana/dashboards:ro");
		assertThat(Suite.root().resolve("deploy/observability/grafana/dashboards/switchboard.json")).isRegularFile();
	}

	private static void assertAccepted(List<String> command) throws Exception {
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
		assertThat(this.compose.dependsOn("gateway")).containsOnlyKeys(this.compose.builtServices()
			.keySet()
			.stream()
			.filter((service) -> !service.equals("gateway"))
			.toList());
	}

	@Test
	void shouldLimitTheMemoryOfEveryContainer() {
		for (String service : this.compose.serviceNames()) {
			assertThat(this.compose.memoryLimit(service)).as(service + " mem_limit").isNotNull();
		}
	}

	@Test
	void shouldKeepDataInVolumesAndMountThePublicFolderReadOnly() {
		assertThat(this.compose.volumes("postgres")).contains("postgres-data:/var/lib/postgresql");
		Map<String, String> fileshare = this.compose.environment("fileshare-service");
		assertThat(this.compose.volumes("fileshare-service"))
			.contains("shared-files:" + fileshare.get("SWITCHBOARD_FILESHARE_DATA_DIR"))
			.contains("./deploy/public:" + fileshare.get("SWITCHBOARD_FILESHARE_PUBLIC_DIR") + ":ro");
	}

	@Test
	void shouldPublishTheGatewayAndTheRawPorts() {
		assertThat(this.compose.publishedPorts("gateway")).containsExactly("8080:8080");
		assertThat(this.compose.publishedPorts("random-service")).contains("3000:3000", "3007:3007/tcp",
				"3007:3007/udp");
		assertThat(this.compose.publishedPorts("contacts-service")).containsExactly("3001:3001");
		assertThat(this.compose.publishedPorts("messaging-service")).containsExactly("3002:3002");
		assertThat(this.compose.publishedPorts("messaging-service-2")).containsExactly("3003:3002");
		assertThat(this.compose.publishedPorts("redis")).as("redis is reached by the services only").isEmpty();
		List<String> hostPorts = new ArrayList<>();
		for (String service : this.compose.serviceNames()) {
			// [address:]published:container[/protocol] -> [address:]published[/protocol]:
			// 3007/tcp
			// and 3007/udp are one port number, two protocols
			this.compose.publishedPorts(service)
				.stream()
				.map((mapping) -> mapping.replaceAll(":[^:]*$", "") + mapping.replaceAll("^[^/]*", ""))
				.forEach(hostPorts::add);
		}
		assertThat(hostPorts).as("published ports").doesNotHaveDuplicates();
	}

	@Test
	void shouldRunTwoMessagingReplicasSharingRedisBehindTheGateway() {
		List<String> replicas = this.compose.replicas("messaging-service");
		assertThat(replicas).containsExactly("messaging-service", "messaging-service-2");
		List<String> urls = new ArrayList<>();
		Map<String, String> first = this.compose.environment(replicas.get(0));
		for (String replica : replicas) {
			Map<String, String> environment = this.compose.environment(replica);
			assertThat(environment).as(replica + " environment").isEqualTo(first);
			assertThat(environment.get("SPRING_DATA_REDIS_URL")).as(replica).isEqualTo("redis://redis:6379");
			assertThat(this.compose.dependsOn(replica)).as(replica).containsKeys("postgres", "redis");
			assertThat(this.compose.memoryLimit(replica)).as(replica)
				.isEqualTo(this.compose.memoryLimit("messaging-service"));
			urls.add("http://" + replica + ":" + this.compose.exposedPort(replica));
		}
		assertThat(this.compose.environment("gateway").get("MESSAGING_SERVICE_URL")).isEqualTo(String.join(",", urls));
		assertThat(this.compose.image("redis").toString()).startsWith("redis:");
		assertThat(this.compose.healthcheck("redis").get("test")).isEqualTo(List.of("CMD", "redis-cli", "ping"));
	}

	@Test
	void shouldGiveEveryServiceBuiltHereTheSameJvmFlags() {
		String javaOptions = this.compose.environment("random-service").get("JAVA_TOOL_OPTIONS");
		assertThat(javaOptions).contains("-XX:+ExitOnOutOfMemoryError", "-Xms32m", "-XX:+UseSerialGC");
		// the gateway and the chat hold 10,000 WebSockets: G1 and a heap sized for them,
		// starting
		// at its ceiling (x-gateway-java-options and x-messaging-service-java-options say
		// why)
		String g1 = javaOptions.replace("-XX:+UseSerialGC", "-XX:+UseG1GC");
		Map<String, String> own = Map.of("gateway", g1.replace("-Xms32m -Xmx256m", "-Xms512m -Xmx512m"),
				"messaging-service", g1.replace("-Xms32m -Xmx256m", "-Xms768m -Xmx768m"), "messaging-service-2",
				g1.replace("-Xms32m -Xmx256m", "-Xms768m -Xmx768m"));
		for (String service : this.compose.builtServices().keySet()) {
			String expected = own.getOrDefault(service, javaOptions);
			assertThat(this.compose.environment(service).get("JAVA_TOOL_OPTIONS")).as(service).isEqualTo(expected);
		}
	}

	@Test
	void shouldProbeEachServiceReadinessOnItsOwnPort() {
		Map<String, String> services = this.compose.builtServices();
		assertThat(services).isNotEmpty();
		for (String service : services.keySet()) {
			int port = service.equals("gateway") ? 8080 : this.compose.exposedPort(service);
			assertThat(this.compose.healthcheck(service).get("test")).as(service + " healthcheck")
				.isEqualTo(List.of("CMD", "ready.sh", Integer.toString(port)));
		}
	}

	@Test
	void shouldCallAServiceReadyOnlyWhenReadinessAnswers200() throws Exception {
		// a DOWN group still lists its parts that are UP: only the status line may count
		String down = "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"},"
				+ "\"readinessState\":{\"status\":\"UP\"}}}";
		assertThat(readyExitCode(503, down)).as("readiness 503 with UP parts").isNotZero();
		assertThat(readyExitCode(500, "UP")).as("readiness 500").isNotZero();
		assertThat(readyExitCode(200, "{\"status\":\"UP\"}")).as("readiness 200").isZero();
	}

	@Test
	void shouldCallAServiceNotReadyWhenItDoesNotAnswer() throws Exception {
		int refused;
		try (ServerSocket socket = new ServerSocket(0)) {
			refused = socket.getLocalPort();
		}
		assertThat(runReady(refused)).as("connection refused").isNotZero();
		try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			List<Socket> accepted = new ArrayList<>();
			Thread acceptor = Thread.ofVirtual().start(() -> {
				try {
					accepted.add(silent.accept());
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			});
			long start = System.nanoTime();
			assertThat(runReady(silent.getLocalPort())).as("accepted, never answered").isNotZero();
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
			acceptor.interrupt();
		}
	}

	@Test
	void shouldEndAJvmThatRunsOutOfHeap(@TempDir Path directory) throws Exception {
		// A program that catches OutOfMemoryError and carries on, as a half-broken
		// service would
		Path source = directory.resolve("Hog.java");
		Files.writeString(source, """
				public class Hog {
					public static void main(String[] args) throws Exception {
						java.util.List<long[]> held = new java.util.ArrayList<>();
						try {
							while (true) {
								held.add(new long[1 << 20]);
							}
						}
						catch (OutOfMemoryError ex) {
							held.clear();
							System.out.println("still running after OutOfMemoryError");
						}
						Thread.sleep(120_000);
					}
				}
				""");
		String javaOptions = this.compose.environment("random-service").get("JAVA_TOOL_OPTIONS");
		assertThat(javaOptions).as("compose's JVM flags").isNotBlank();
		ProcessBuilder builder = new ProcessBuilder(javaCommand(), source.toString()).redirectErrorStream(true);
		builder.environment().put("JAVA_TOOL_OPTIONS", javaOptions);
		Process process = builder.start();
		boolean ended = process.waitFor(60, TimeUnit.SECONDS);
		if (!ended) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(ended).as("the JVM ended on OutOfMemoryError under %s; it said: %s", javaOptions, output).isTrue();
		assertThat(process.exitValue()).as(output).isNotZero();
		assertThat(output).doesNotContain("still running");
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int readyExitCode(int status, String body) throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/actuator/health/readiness", (exchange) -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream output = exchange.getResponseBody()) {
				output.write(bytes);
			}
		});
		server.start();
		try {
			return runReady(server.getAddress().getPort());
		}
		finally {
			server.stop(0);
		}
	}

	private static int runReady(int port) throws Exception {
		Process process = new ProcessBuilder("bash", Suite.root().resolve("deploy/ready.sh").toString(),
				Integer.toString(port))
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("ready.sh finished").isTrue();
		return process.exitValue();
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
