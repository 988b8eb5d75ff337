package dev.switchboard.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.gateway.support.Downstream;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Services with two instances each behind one gateway, as a comma-separated
 * {@code *_SERVICE_URL} lists them: requests are spread over both; one instance down,
 * every request (HTTP, uploads, WebSocket handshakes) is answered by the other; both
 * down, 503 within 2 s; an instance back up is used again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "GATEWAY_MANAGEMENT_PORT=0")
class LoadBalancingTests {

	private static final ParameterizedTypeReference<Map<String, Object>> ECHO = new ParameterizedTypeReference<>() {
	};

	private static final Downstream randomA = Downstream.start("random-service");

	private static final Downstream randomB = Downstream.start("random-service");

	private static final Downstream messagingA = Downstream.start("messaging-service");

	private static final Downstream messagingB = Downstream.start("messaging-service");

	private static final Downstream fileshareA = Downstream.start("fileshare-service");

	private static final Downstream fileshareB = Downstream.start("fileshare-service");

	private static final Downstream contacts = Downstream.start("contacts-service");

	private static final List<Downstream> instances = List.of(randomA, randomB, messagingA, messagingB, fileshareA,
			fileshareB);

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private CircuitBreakerRegistry breakers;

	private WebTestClient client;

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("RANDOM_SERVICE_URL", () -> randomA.url() + "," + randomB.url());
		// spaces after the comma are fine
		registry.add("MESSAGING_SERVICE_URL", () -> messagingA.url() + ", " + messagingB.url());
		registry.add("FILESHARE_SERVICE_URL", () -> fileshareA.url() + " , " + fileshareB.url());
		registry.add("CONTACTS_SERVICE_URL", contacts::url);
	}

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@AfterEach
	void bringEveryInstanceBack() {
		for (Downstream instance : instances) {
			instance.hangUp(false);
			if (!instance.isRunning()) {
				instance.restart();
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(List.of(reachable("random-service"), reachable("messaging-service"),
					reachable("fileshare-service")))
				.containsOnly(2.0));
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void shouldSpreadRequestsOverEveryInstanceOfAService() {
		int a = randomA.requests();
		int b = randomB.requests();
		for (int i = 0; i < 20; i++) {
			this.client.get().uri("/api/echo/spread").exchange().expectStatus().isOk();
		}
		assertThat(randomA.requests() - a).isPositive();
		assertThat(randomB.requests() - b).isPositive();
		assertThat((randomA.requests() - a) + (randomB.requests() - b)).isEqualTo(20);
		int uploadsA = fileshareA.requests();
		int uploadsB = fileshareB.requests();
		for (int i = 0; i < 6; i++) {
			upload(64 * 1024);
		}
		assertThat(fileshareA.requests() - uploadsA).isPositive();
		assertThat(fileshareB.requests() - uploadsB).isPositive();
		int socketsA = messagingA.requests();
		int socketsB = messagingB.requests();
		for (int i = 0; i < 4; i++) {
			assertThat(chat("hi " + i)).endsWith("echo hi " + i);
		}
		assertThat(messagingA.requests() - socketsA).isPositive();
		assertThat(messagingB.requests() - socketsB).isPositive();
		// messaging's HTTP routes are spread as its socket is
		int usersA = messagingA.requests();
		int usersB = messagingB.requests();
		for (int i = 0; i < 10; i++) {
			users().expectStatus().isOk().expectBody().jsonPath("$.service").isEqualTo("messaging-service");
		}
		assertThat(messagingA.requests() - usersA).isPositive();
		assertThat(messagingB.requests() - usersB).isPositive();
		assertThat((messagingA.requests() - usersA) + (messagingB.requests() - usersB)).isEqualTo(10);
	}

	@Test
	void shouldAnswerEveryRequestFromTheOtherInstanceWhenOneIsDown() {
		double randomFailures = breakerCalls("random-service", "failed");
		double uploadFailures = breakerCalls("fileshare-service-uploads", "failed");
		double socketFailures = breakerCalls("messaging-service-websocket", "failed");
		randomA.stop();
		fileshareA.stop();
		messagingA.stop();
		int b = randomB.requests();
		for (int i = 0; i < 20; i++) {
			this.client.get()
				.uri("/api/echo/one-down")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.service")
				.isEqualTo("random-service");
		}
		assertThat(randomB.requests() - b).isEqualTo(20);
		// an upload that an instance refused goes on whole: nothing of it was sent
		for (int i = 0; i < 4; i++) {
			assertThat(upload(1024 * 1024)).isEqualTo(1024 * 1024);
		}
		for (int i = 0; i < 4; i++) {
			assertThat(chat("still here " + i)).endsWith("echo still here " + i);
		}
		int usersB = messagingB.requests();
		for (int i = 0; i < 6; i++) {
			users().expectStatus().isOk();
		}
		assertThat(messagingB.requests() - usersB).as("messaging's HTTP routes served by the instance left")
			.isGreaterThanOrEqualTo(6);
		this.client.get()
			.uri("/v3/api-docs/random-service")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.value((echo) -> assertThat(echo).containsEntry("uri", "/v3/api-docs"));
		assertThat(breakerCalls("random-service", "failed")).isEqualTo(randomFailures);
		assertThat(breakerCalls("fileshare-service-uploads", "failed")).isEqualTo(uploadFailures);
		assertThat(breakerCalls("messaging-service-websocket", "failed")).isEqualTo(socketFailures);
		assertThat(reachable("random-service")).isEqualTo(1.0);
		assertThat(failovers("random-service")).isPositive();
	}

	@Test
	void shouldAnswer503NamingTheServiceWithinTwoSecondsWhenEveryInstanceIsDown() {
		randomA.stop();
		randomB.stop();
		messagingA.stop();
		messagingB.stop();
		// the first request finds both instances down, the second knows it already
		for (int i = 0; i < 2; i++) {
			long start = System.nanoTime();
			this.client.get()
				.uri("/api/echo/all-down")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("random-service is unavailable: connection refused.")
				.jsonPath("$.service")
				.isEqualTo("random-service");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		}
		long start = System.nanoTime();
		this.client.get()
			.uri("/ws/chat")
			.header(HttpHeaders.UPGRADE, "websocket")
			.header(HttpHeaders.CONNECTION, "Upgrade")
			.header("Sec-WebSocket-Version", "13")
			.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("messaging-service is unavailable: connection refused.");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		// and so are its HTTP routes
		for (int i = 0; i < 2; i++) {
			long usersStart = System.nanoTime();
			users().expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.service")
				.isEqualTo("messaging-service");
			assertThat(Duration.ofNanos(System.nanoTime() - usersStart)).isLessThan(Duration.ofSeconds(2));
		}
		// the other services are unaffected
		this.client.get().uri("/api/shares/abc").exchange().expectStatus().isOk();
	}

	@Test
	void shouldSendRequestsToAnInstanceAgainOnceItIsBack() {
		randomA.stop();
		for (int i = 0; i < 4; i++) {
			this.client.get().uri("/api/echo/while-down").exchange().expectStatus().isOk();
		}
		assertThat(reachable("random-service")).isEqualTo(1.0);
		int a = randomA.requests();
		randomA.restart();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			this.client.get().uri("/api/echo/back").exchange().expectStatus().isOk();
			assertThat(randomA.requests()).isGreaterThan(a);
		});
		int backA = randomA.requests();
		int backB = randomB.requests();
		for (int i = 0; i < 10; i++) {
			this.client.get().uri("/api/echo/back").exchange().expectStatus().isOk();
		}
		assertThat(randomA.requests() - backA).isPositive();
		assertThat(randomB.requests() - backB).isPositive();
	}

	@Test
	void shouldSendAnIdempotentRequestToAnotherInstanceWhenOneHangsUpWithoutAnswering() {
		randomA.hangUp(true);
		int a = randomA.requests();
		for (int i = 0; i < 6; i++) {
			this.client.get().uri("/api/echo/hung-up").exchange().expectStatus().isOk();
		}
		assertThat(randomA.requests() - a).as("requests that reached the instance hanging up").isPositive();
	}

	@Test
	void shouldNeverSendARequestBodyAgainOnceItWasSent() {
		randomA.hangUp(true);
		int a = randomA.requests();
		int b = randomB.requests();
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			statuses.add(this.client.post()
				.uri("/api/echo/posted")
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue("sent once")
				.exchange()
				.returnResult(Void.class)
				.getStatus()
				.value());
		}
		int hungUp = randomA.requests() - a;
		assertThat(hungUp).isPositive();
		assertThat(statuses).containsOnly(200, 502).filteredOn((status) -> status == 502).hasSize(hungUp);
		// each POST reached exactly one instance
		assertThat(hungUp + (randomB.requests() - b)).isEqualTo(6);
	}

	private WebTestClient.ResponseSpec users() {
		return this.client.get().uri("/api/users").exchange();
	}

	private long upload(int size) {
		Map<String, Object> answer = this.client.post()
			.uri("/api/shares")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[size])
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		return ((Number) answer.get("bytes")).longValue();
	}

	/** Opens the chat socket, sends one frame, and returns the frames received. */
	private List<String> chat(String text) {
		List<String> received = new CopyOnWriteArrayList<>();
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://localhost:" + this.port + "/ws/chat"),
					(session) -> session.send(Mono.just(session.textMessage(text)))
						.thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(2))
						.doOnNext(received::add)
						.then(session.close()))
			.block(Duration.ofSeconds(10));
		return received;
	}

	private double reachable(String service) {
		Gauge gauge = this.meters.find("switchboard.gateway.instances.reachable").tag("service", service).gauge();
		return (gauge != null) ? gauge.value() : -1;
	}

	private double failovers(String service) {
		Counter counter = this.meters.find("switchboard.gateway.instance.failovers").tag("service", service).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double breakerCalls(String name, String kind) {
		Timer calls = this.meters.find("resilience4j.circuitbreaker.calls").tag("name", name).tag("kind", kind).timer();
		return (calls != null) ? calls.count() : 0;
	}

}
