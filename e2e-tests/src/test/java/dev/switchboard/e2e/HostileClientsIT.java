package dev.switchboard.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile clients against the suite as deployed (compose's environment and JVM flags, its
 * 256 MiB heaps): while some clients stall their requests or never read their replies,
 * everybody else keeps being served, no service runs out of memory, and the readiness
 * checks stay green. Also the answers a hostile client gets: no owner data over HEAD or
 * OPTIONS, no reflected datagram, a pong for a ping, a 400 for a page out of range,
 * nothing but health on the gateway's public actuator.
 */
class HostileClientsIT {

	private static final int STALLED_UPLOADERS = 20;

	private static final int STALLED_READERS = 120;

	private static final int BIG_CONTACTS = 1000;

	private static Suite suite;

	private static SuiteHttp gateway;

	@BeforeAll
	static void startSuite() {
		suite = Suite.shared();
		suite.ensureHealthy();
		gateway = suite.gateway();
	}

	@Test
	void shouldKeepServingEveryoneWhileClientsStallTheirRequestsAndNeverReadTheirReplies() throws Exception {
		String marker = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
		List<Long> ids = addBigContacts(marker);
		List<Socket> attackers = new ArrayList<>();
		try {
			// each `list` answer is now over 6 MB, for a 24-byte request
			for (int i = 0; i < STALLED_READERS; i++) {
				attackers.add(neverReadingList());
			}
			List<Socket> uploaders = new ArrayList<>();
			for (int i = 0; i < STALLED_UPLOADERS; i++) {
				uploaders.add(stalledRequest());
			}
			attackers.addAll(uploaders);
			keepServingOthers(Duration.ofSeconds(25));
			for (Socket uploader : uploaders) {
				assertRequestTimeout(uploader);
			}
			assertThat(circuitBreakerState("random-service")).as("random-service's breaker").isEqualTo("closed");
			Prometheus.awaitAtLeast(suite.service("contacts-service"), "switchboard_socket_refusals_total",
					"reason=\"write-timeout\"", STALLED_READERS, Duration.ofSeconds(30));
			assertNoOutOfMemoryError();
		}
		finally {
			for (Socket attacker : attackers) {
				attacker.close();
			}
			deleteContacts(ids);
		}
	}

	private List<Long> addBigContacts(String marker) throws Exception {
		String notes = "é".repeat(1000);
		List<Long> ids = new ArrayList<>();
		try (ExecutorService workers = Executors.newFixedThreadPool(4)) {
			List<Future<SuiteHttp.Answer>> added = new ArrayList<>();
			for (int i = 0; i < BIG_CONTACTS; i++) {
				Map<String, String> contact = Map.of("name", marker + " " + i, "mail", marker + i + "@example.org",
						"notes", notes);
				added.add(workers.submit(() -> gateway.postJson("/api/contacts", contact)));
			}
			for (Future<SuiteHttp.Answer> answer : added) {
				SuiteHttp.Answer created = answer.get(60, TimeUnit.SECONDS);
				assertThat(created.status()).as(created.toString()).isEqualTo(201);
				ids.add(created.json().get("id").asLong());
			}
		}
		return ids;
	}

	private void deleteContacts(List<Long> ids) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		try (ExecutorService workers = Executors.newFixedThreadPool(4)) {
			for (Long id : ids) {
				workers.submit(() -> client.send(HttpRequest.newBuilder(URI(gateway.base() + "/api/contacts/" + id))
					.DELETE()
					.timeout(Duration.ofSeconds(20))
					.build(), HttpResponse.BodyHandlers.discarding()));
			}
		}
	}

	private static java.net.URI URI(String uri) {
		return java.net.URI.create(uri);
	}

	/** A contacts client that asks for the whole list, then never reads a byte. */
	private Socket neverReadingList() throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", suite.publishedPort(3001)), 5000);
		socket.getOutputStream().write("{\"cmd\": \"list\", \"args\": {}}".getBytes(StandardCharsets.UTF_8));
		return socket;
	}

	/** A client that announces a 10-byte body through the gateway, then sends nothing. */
	private Socket stalledRequest() throws IOException {
		java.net.URI base = URI(gateway.base());
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
		socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
		OutputStream output = socket.getOutputStream();
		output.write(("POST /api/echo/x HTTP/1.1\r\nHost: " + base.getAuthority()
				+ "\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		output.flush();
		return socket;
	}

	/**
	 * Serve ordinary clients for a while: each round, the gateway's routes answer, a
	 * contacts client that reads gets the whole list, and every service is ready.
	 */
	private void keepServingOthers(Duration duration) throws Exception {
		Instant end = Instant.now().plus(duration);
		int rounds = 0;
		while (Instant.now().isBefore(end)) {
			SuiteHttp.Answer random = gateway.get("/api/random/int", Duration.ofSeconds(5));
			assertThat(random.status()).as("round %d: %s", rounds, random).isEqualTo(200);
			SuiteHttp.Answer contacts = gateway.get("/api/contacts?size=1", Duration.ofSeconds(5));
			assertThat(contacts.status()).as("round %d: %s", rounds, contacts).isEqualTo(200);
			if (rounds % 5 == 0) {
				JsonNode list = SuiteHttp.JSON
					.readTree(Tcp.exchange(suite.publishedPort(3001), "{\"cmd\": \"list\", \"args\": {}}"));
				assertThat(list.get("status").asBoolean()).as("round %d: %s", rounds, list.get("msg")).isTrue();
				assertThat(list.get("data").size()).isGreaterThanOrEqualTo(Math.min(BIG_CONTACTS, 1000));
			}
			for (ServiceProcess service : suite.services()) {
				assertThat(service.isReady()).as("round %d: %s ready", rounds, service.name()).isTrue();
			}
			rounds++;
		}
		assertThat(rounds).as("rounds served while under attack").isGreaterThan(5);
	}

	private void assertRequestTimeout(Socket uploader) throws IOException {
		String answer = new String(uploader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(answer).as("a client that never sends its body").startsWith("HTTP/1.1 408");
		assertThat(answer).contains("application/problem+json");
	}

	private String circuitBreakerState(String name) {
		ServiceProcess service = suite.service("gateway");
		String port = service.environment().get("GATEWAY_MANAGEMENT_PORT");
		String metrics = new SuiteHttp("http://127.0.0.1:" + port).get("/actuator/prometheus").body();
		for (String line : metrics.split("\n")) {
			if (line.startsWith("resilience4j_circuitbreaker_state{") && line.contains("name=\"" + name + "\"")
					&& line.endsWith(" 1.0")) {
				return line.replaceFirst(".*state=\"([a-z_]+)\".*", "$1");
			}
		}
		throw new AssertionError("No circuit breaker state for " + name + " in the gateway's metrics");
	}

	private void assertNoOutOfMemoryError() throws IOException {
		for (ServiceProcess service : suite.services()) {
			assertThat(service.isAlive()).as(service.name() + " alive").isTrue();
			Path log = service.log();
			assertThat(Files.readString(log, StandardCharsets.UTF_8)).as(service.name() + "'s log")
				.doesNotContain("java.lang.OutOfMemoryError");
		}
	}

	@Test
	void shouldNotAnswerDatagramsFromPrivilegedPorts() throws Exception {
		InetSocketAddress echo = new InetSocketAddress("127.0.0.1", suite.publishedPort(3007));
		// binding port 7 needs root, as the end-to-end run has (and as an attacker
		// spoofing it)
		try (DatagramSocket privileged = new DatagramSocket(new InetSocketAddress("127.0.0.1", 7))) {
			assertThat(echoOf(privileged, echo)).as("an answer to source port 7 (another echo service)").isNull();
		}
		try (DatagramSocket ordinary = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
			assertThat(echoOf(ordinary, echo)).isEqualTo("ping");
		}
	}

	private static String echoOf(DatagramSocket socket, InetSocketAddress echo) throws IOException {
		byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
		socket.send(new DatagramPacket(ping, ping.length, echo));
		socket.setSoTimeout(1500);
		DatagramPacket answer = new DatagramPacket(new byte[64], 64);
		try {
			socket.receive(answer);
			return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII);
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
	}

	@Test
	void shouldShowAnInboxToItsOwnerOnlyWhateverTheMethod() throws Exception {
		JsonNode alice = Users.create(gateway, "alice");
		JsonNode bob = Users.create(gateway, "bob");
		String inbox = "/api/users/" + alice.get("id").asLong() + "/messages";
		SuiteHttp.Answer sent = gateway.postJson(inbox, Map.of("text", "for alice only"), "Authorization",
				SuiteHttp.bearer(bob.get("token").asString()));
		assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
		for (String method : List.of("GET", "HEAD", "OPTIONS")) {
			HttpRequest.Builder request = gateway.request(inbox, Duration.ofSeconds(10))
				.method(method, HttpRequest.BodyPublishers.noBody());
			assertThat(gateway.send(request.build()).status()).as(method + " without a token").isEqualTo(401);
			request.header("Authorization", SuiteHttp.bearer(bob.get("token").asString()));
			assertThat(gateway.send(request.build()).status()).as(method + " with bob's token").isEqualTo(403);
		}
		SuiteHttp.Answer own = gateway.get(inbox, "Authorization", SuiteHttp.bearer(alice.get("token").asString()));
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.body()).contains("for alice only");
	}

	@Test
	void shouldAnswerAPingWithAPongThroughTheGateway() throws Exception {
		CompletableFuture<ByteBuffer> pong = new CompletableFuture<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI(gateway.base().replaceFirst("^http", "ws") + "/ws/chat"), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
					pong.complete(message);
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		try {
			socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.US_ASCII)));
			ByteBuffer payload = pong.get(5, TimeUnit.SECONDS);
			assertThat(StandardCharsets.US_ASCII.decode(payload).toString()).isEqualTo("are you there");
		}
		finally {
			socket.abort();
		}
	}

	@Test
	void shouldRefuseOutOfRangePagesWithoutAnError() {
		SuiteHttp.Answer far = gateway.get("/api/contacts?page=2147483647&size=100");
		assertThat(far.status()).as(far.toString()).isEqualTo(200);
		assertThat(far.json().get("content").size()).isZero();
		for (String query : List.of("page=-1", "size=0", "size=100000", "page=abc", "sort=password")) {
			SuiteHttp.Answer answer = gateway.get("/api/contacts?" + query);
			assertThat(answer.status()).as(query + ": " + answer).isEqualTo(400);
			assertThat(answer.isProblem()).as(query).isTrue();
		}
	}

	@Test
	void shouldShowOnlyHealthOnTheGatewaysPublicPort() {
		assertThat(gateway.get("/actuator/health").body()).isEqualTo("{\"status\":\"UP\"}");
		for (String path : List.of("/actuator/prometheus", "/actuator/gateway/routes", "/actuator/info",
				"/actuator/env")) {
			SuiteHttp.Answer answer = gateway.get(path);
			assertThat(answer.status()).as(path).isEqualTo(404);
			assertThat(answer.isProblem()).as(path).isTrue();
		}
	}

}
