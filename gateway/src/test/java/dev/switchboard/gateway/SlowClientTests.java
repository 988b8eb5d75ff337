package dev.switchboard.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import dev.switchboard.gateway.support.RawHttp;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that is slow to send its request is answered 408 at the gateway's edge and is
 * never counted against its service; the circuit breakers count only what the service
 * itself does wrong: refused connections, 5xx answers, answers late once the whole
 * request has arrived. The request-read timeout is 2 s and random-service's timeout 1 s
 * in these tests.
 */
class SlowClientTests extends GatewayIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Test
	void shouldAnswer408ToClientsThatSendNoBodyWhileOtherClientsOfTheRouteAreServed() throws Exception {
		double failed = breakerCalls("random-service", "failed");
		double ignored = breakerCalls("random-service", "ignored");
		double timeouts = readTimeouts("body");
		List<Future<Timed>> stalled = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 20; i++) {
				String request = "POST /api/echo/x HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: stalled-" + i
						+ "\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n";
				stalled.add(clients.submit(() -> sendAndRead(request)));
			}
			// meanwhile
			for (int i = 0; i < 5; i++) {
				this.client.get().uri("/api/random/int").exchange().expectStatus().isOk();
				this.client.post()
					.uri("/api/echo/meanwhile")
					.contentType(MediaType.TEXT_PLAIN)
					.bodyValue("0123456789")
					.exchange()
					.expectStatus()
					.isOk();
			}
			for (int i = 0; i < stalled.size(); i++) {
				Timed answer = stalled.get(i).get(30, TimeUnit.SECONDS);
				assertRequestTimeout(answer, "stalled-" + i);
			}
		}
		// afterwards
		for (int i = 0; i < 20; i++) {
			this.client.get().uri("/api/random/int").exchange().expectStatus().isOk();
		}
		assertThat(breaker("random-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breakerCalls("random-service", "failed")).isEqualTo(failed);
		assertThat(breakerCalls("random-service", "ignored")).isEqualTo(ignored + 20);
		assertThat(readTimeouts("body")).isEqualTo(timeouts + 20);
	}

	@Test
	void shouldAnswer408ToAClientThatStopsInTheMiddleOfItsHeaders() throws Exception {
		double timeouts = readTimeouts("headers");
		Timed answer = sendAndRead("GET /api/random/int HTTP/1.1\r\nHost: localhost\r\nX-Half-A-Hea");
		assertThat(answer.took()).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100))
			.isLessThan(READ_TIMEOUT.plusSeconds(8));
		assertThat(answer.answer().status()).isEqualTo(408);
		assertThat(answer.answer().header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(answer.answer().header("Connection")).isEqualTo("close");
		assertThat(answer.answer().header("X-Request-Id")).isNotBlank();
		JsonNode problem = json.readTree(answer.answer().body());
		assertThat(problem.path("status").asInt()).isEqualTo(408);
		assertThat(problem.path("detail").asString()).contains("2 s");
		assertThat(readTimeouts("headers")).isEqualTo(timeouts + 1);
	}

	@Test
	void shouldPassABodyThatArrivesSlowlyButSteadilyAndTimeOnlyTheService() throws Exception {
		try (RawHttp http = RawHttp.connect(this.port)) {
			http.send("POST /api/echo/steady HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
					+ "Content-Length: 10\r\n\r\n");
			long start = System.nanoTime();
			// 10 bytes over 3 s: longer than random-service's 1 s, never 2 s without a
			// byte
			Flux.interval(Duration.ofMillis(300)).take(10).doOnNext((i) -> http.send(String.valueOf(i))).blockLast();
			RawHttp.Answer answer = http.read(Duration.ofSeconds(20));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(json.readTree(answer.body()).path("body").asString()).isEqualTo("0123456789");
		}
	}

	@Test
	void shouldCountAServiceThatAnswersLateOnceTheWholeRequestHasArrived() {
		double failed = breakerCalls("random-service", "failed");
		long start = System.nanoTime();
		this.client.post()
			.uri("/api/echo/slow")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("the whole request")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("random-service did not answer in time.");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
				Duration.ofMillis(2900));
		assertThat(breakerCalls("random-service", "failed")).isEqualTo(failed + 1);
	}

	@Test
	void shouldOpenTheBreakerOfAServiceThatAnswersServerErrors() {
		try {
			this.client.get()
				.uri("/api/random/fail")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("The service is broken");
			int calls = 1;
			while (breaker("random-service").getState() == CircuitBreaker.State.CLOSED && calls < 20) {
				this.client.get().uri("/api/random/fail").exchange().expectStatus().is5xxServerError();
				calls++;
			}
			assertThat(breaker("random-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);
			long start = System.nanoTime();
			this.client.get()
				.uri("/api/random/int")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo(
						"random-service is unavailable: it failed repeatedly, so the gateway stops calling it for a few seconds.");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		}
		finally {
			breaker("random-service").reset();
		}
	}

	@Test
	void shouldNotCountTheServerErrorsAClientAsksFor() {
		double failed = breakerCalls("random-service", "failed");
		for (int i = 0; i < 20; i++) {
			this.client.get()
				.uri("/api/status/503")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectBody()
				.json("{\"status\":503}");
		}
		assertThat(breaker("random-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breakerCalls("random-service", "failed")).isEqualTo(failed);
		this.client.get().uri("/api/random/int").exchange().expectStatus().isOk();
	}

	@Test
	void shouldNotCountClientsThatHangUpInTheMiddleOfTheirBody() {
		double failed = breakerCalls("random-service", "failed");
		for (int i = 0; i < 20; i++) {
			try (RawHttp http = RawHttp.connect(this.port)) {
				http.send("POST /api/echo/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
						+ "Content-Length: 10\r\n\r\n012");
			}
		}
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> breakerCalls("random-service", "failed") == failed);
		assertThat(breaker("random-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		this.client.get().uri("/api/random/int").exchange().expectStatus().isOk();
	}

	@ParameterizedTest
	@ValueSource(strings = { "random-service", "contacts-service", "messaging-service", "fileshare-service",
			"fileshare-service-uploads", "fileshare-service-downloads", "messaging-service-websocket" })
	void shouldLeaveLatenessToTheServiceTimeoutSoThatSlowClientsNeverReadAsSlowCalls(String route) {
		// a breaker times a call from its start, the client's upload included: a slow but
		// steady client must not count as a slow service (ServiceTimeout times the
		// service)
		assertThat(breaker(route).getCircuitBreakerConfig().getSlowCallDurationThreshold())
			.isGreaterThanOrEqualTo(Duration.ofDays(1));
	}

	private Timed sendAndRead(String request) throws IOException {
		try (RawHttp http = RawHttp.connect(this.port)) {
			long start = System.nanoTime();
			http.send(request);
			RawHttp.Answer answer = http.read(Duration.ofSeconds(20));
			return new Timed(answer, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private static void assertRequestTimeout(Timed timed, String requestId) {
		RawHttp.Answer answer = timed.answer();
		assertThat(timed.took()).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100))
			.isLessThan(READ_TIMEOUT.plusSeconds(8));
		assertThat(answer.status()).as(answer.body()).isEqualTo(408);
		assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(answer.header("X-Request-Id")).isEqualTo(requestId);
		assertThat(answer.header("Connection")).isEqualTo("close");
		JsonNode problem = json.readTree(answer.body());
		assertThat(problem.path("status").asInt()).isEqualTo(408);
		assertThat(problem.path("title").asString()).isEqualTo("Request Timeout");
		assertThat(problem.path("detail").asString()).contains("2 s");
		assertThat(problem.path("requestId").asString()).isEqualTo(requestId);
	}

	private CircuitBreaker breaker(String name) {
		return this.breakers.circuitBreaker(name);
	}

	private double breakerCalls(String name, String kind) {
		Timer calls = this.meters.find("resilience4j.circuitbreaker.calls").tag("name", name).tag("kind", kind).timer();
		return (calls != null) ? calls.count() : 0;
	}

	private double readTimeouts(String phase) {
		Counter timeouts = this.meters.find("switchboard.gateway.request.read.timeouts").tag("phase", phase).counter();
		return (timeouts != null) ? timeouts.count() : 0;
	}

	private record Timed(RawHttp.Answer answer, Duration took) {
	}

}
