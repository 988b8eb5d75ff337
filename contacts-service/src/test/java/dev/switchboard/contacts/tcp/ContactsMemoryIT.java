package dev.switchboard.contacts.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.test.postgres.EmbeddedPostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hostile clients of the TCP contacts protocol against the built jar, in a JVM with
 * docker compose's flags (256 MiB of heap) on a real PostgreSQL: an address book of a
 * thousand contacts with a thousand accented characters of notes each (a 6.6 MB
 * {@code list} reply for a 24-byte request), and 120 clients that ask for the list and
 * never read. The service must not run out of heap: another client's list and a REST call
 * are served meanwhile, health stays UP, and the stalled clients are closed after the
 * write timeout, each counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsMemoryIT {

	private static final int CONTACTS = 1000;

	private static final int STALLED_CLIENTS = 120;

	private static final String NOTES = "é".repeat(1000);

	private static final byte[] LIST = "{\"cmd\": \"list\", \"args\": {}}".getBytes(StandardCharsets.UTF_8);

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Path log = Path.of("target", "contacts-memory-it.log");

	private Process service;

	private int httpPort;

	private int tcpPort;

	@BeforeAll
	void startTheJarWithComposeFlags() throws IOException {
		Path jar = Path.of(System.getProperty("contacts.jar", "target/contacts-service.jar"));
		assertThat(jar).as("the Boot jar (built by the package phase)").isRegularFile();
		EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
		String url = postgres.createDatabase("contacts_memory");
		this.httpPort = freePort();
		this.tcpPort = freePort();
		ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
				jar.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile());
		builder.environment().put("JAVA_TOOL_OPTIONS", composeJavaOptions());
		builder.environment().put("SPRING_DATASOURCE_URL", url);
		builder.environment().put("SPRING_DATASOURCE_USERNAME", EmbeddedPostgresServer.USERNAME);
		builder.environment().put("SPRING_DATASOURCE_PASSWORD", "");
		builder.environment().put("SERVER_PORT", Integer.toString(this.httpPort));
		builder.environment().put("SWITCHBOARD_SOCKET_SERVERS_CONTACTS_PORT", Integer.toString(this.tcpPort));
		this.service = builder.start();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
			assertThat(this.service.isAlive()).as("contacts-service is running; its log:\n%s", tail()).isTrue();
			return status("/actuator/health/readiness") == 200;
		});
	}

	@AfterAll
	void stop() throws InterruptedException {
		if (this.service != null) {
			this.service.destroy();
			if (!this.service.waitFor(30, TimeUnit.SECONDS)) {
				this.service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void shouldServeEveryoneWithoutRunningOutOfHeapWhile120ClientsNeverRead() throws Exception {
		addContacts();
		byte[] reply = list();
		assertThat(reply.length).as("the reply of one list").isGreaterThan(6_000_000);
		Double refusedBefore = writeTimeouts();

		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < STALLED_CLIENTS; i++) {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.tcpPort);
				socket.getOutputStream().write(LIST);
				stalled.add(socket);
			}
			// while they hold their replies: another client, REST and health are served
			JsonNode other = json.readTree(list());
			assertThat(other.get("status").asBoolean()).isTrue();
			assertThat(other.get("data")).hasSize(CONTACTS);
			assertThat(status("/api/contacts?size=5")).isEqualTo(200);
			assertThat(healthBody()).contains("\"status\":\"UP\"");
			assertThat(Files.readString(this.log)).doesNotContain("java.lang.OutOfMemoryError");

			assertThat(refusedBefore).as("the write-timeout refusals in /actuator/prometheus").isNotNull();
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(writeTimeouts() - refusedBefore)
					.as("stalled clients closed after the write timeout")
					.isEqualTo(STALLED_CLIENTS));
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
		assertThat(this.service.isAlive()).isTrue();
		assertThat(json.readTree(list()).get("data")).hasSize(CONTACTS);
		assertThat(healthBody()).contains("\"status\":\"UP\"");
		assertThat(Files.readString(this.log)).doesNotContain("java.lang.OutOfMemoryError");
	}

	private void addContacts() throws Exception {
		try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
			List<Future<Integer>> created = new ArrayList<>();
			for (int i = 0; i < CONTACTS; i++) {
				String body = "{\"name\": \"Contact " + i + "\", \"mail\": \"contact" + i
						+ "@example.org\", \"notes\": \"" + NOTES + "\"}";
				created.add(clients.submit(
						() -> this.http
							.send(HttpRequest.newBuilder(uri("/api/contacts"))
								.header("Content-Type", "application/json")
								.timeout(Duration.ofSeconds(30))
								.POST(HttpRequest.BodyPublishers.ofString(body))
								.build(), HttpResponse.BodyHandlers.discarding())
							.statusCode()));
			}
			for (Future<Integer> status : created) {
				assertThat(status.get()).isEqualTo(201);
			}
		}
	}

	private byte[] list() throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.tcpPort)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(LIST);
			try (InputStream input = socket.getInputStream()) {
				return input.readAllBytes();
			}
		}
	}

	private Double writeTimeouts() throws IOException, InterruptedException {
		String metrics = this.http
			.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher matcher = Pattern
			.compile("switchboard_socket_refusals_total\\{[^}]*reason=\"write-timeout\"[^}]*} (\\S+)")
			.matcher(metrics);
		return matcher.find() ? Double.valueOf(matcher.group(1)) : null;
	}

	private String healthBody() throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private int status(String path) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

	private String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * The JVM flags docker compose gives every service.
	 */
	private static String composeJavaOptions() throws IOException {
		String compose = Files.readString(Path.of("..", "docker-compose.yml"));
		Matcher matcher = Pattern.compile("(?m)^x-java-options: &java-options \"(.*)\"$").matcher(compose);
		assertThat(matcher.find()).as("x-java-options in docker-compose.yml").isTrue();
		assertThat(matcher.group(1)).contains("-Xmx256m");
		return matcher.group(1);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
