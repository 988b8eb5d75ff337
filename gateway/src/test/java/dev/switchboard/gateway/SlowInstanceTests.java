package dev.switchboard.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
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
 * Instances too busy to accept connections, as a server at its connection limit is under
 * a burst: it stops accepting, its listen backlog fills, and the kernel drops new
 * connection attempts, which time out. Each timed-out request goes on to another
 * instance; the slow one is left out only after three timeouts in a row, and never when
 * it is the last instance of its service. A refused connection still leaves an instance
 * out at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "GATEWAY_MANAGEMENT_PORT=0",
		// timeouts quick to test; the probe's connections too
		"switchboard.gateway.connect-timeout=300ms" })
class SlowInstanceTests {

	private static final Downstream slowRandom = Downstream.startWithSmallBacklog("random-service");

	private static final Downstream random = Downstream.start("random-service");

	private static final Downstream slowMessaging = Downstream.startWithSmallBacklog("messaging-service");

	private static final Downstream messaging = Downstream.start("messaging-service");

	private static final Downstream slowContacts = Downstream.startWithSmallBacklog("contacts-service");

	private static final Downstream refusingFileshare = Downstream.start("fileshare-service");

	private static final Downstream fileshare = Downstream.start("fileshare-service");

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private CircuitBreakerRegistry breakers;

	private WebTestClient client;

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("RANDOM_SERVICE_URL", () -> slowRandom.url() + "," + random.url());
		registry.add("MESSAGING_SERVICE_URL", () -> slowMessaging.url() + "," + messaging.url());
		registry.add("CONTACTS_SERVICE_URL", slowContacts::url);
		registry.add("FILESHARE_SERVICE_URL", () -> refusingFileshare.url() + "," + fileshare.url());
	}

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@AfterEach
	void acceptAgain() {
		slowRandom.acceptAgain();
		slowMessaging.acceptAgain();
		slowContacts.acceptAgain();
		if (!refusingFileshare.isRunning()) {
			refusingFileshare.restart();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(List.of(reachable("random-service"), reachable("messaging-service"),
					reachable("contacts-service"), reachable("fileshare-service")))
				.containsExactly(2.0, 2.0, 1.0, 2.0));
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void shouldAnswerFromTheOtherInstanceAndLeaveTheSlowOneInUntilItTimesOutThreeTimesInARow() {
		slowRandom.stopAccepting();
		double timeouts = connectFailures("random-service", "timeout");
		double ejections = ejections("random-service", "timeout");
		int answered = random.requests();
		int requests = 0;
		while (connectFailures("random-service", "timeout") - timeouts < 3) {
			assertThat(requests++).as("requests before the slow instance timed out three times").isLessThan(12);
			this.client.get()
				.uri("/api/echo/slow-accept")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.service")
				.isEqualTo("random-service");
			if (connectFailures("random-service", "timeout") - timeouts < 3) {
				assertThat(reachable("random-service")).as("instances left in").isEqualTo(2.0);
				assertThat(ejections("random-service", "timeout")).isEqualTo(ejections);
			}
		}
		assertThat(random.requests() - answered).isEqualTo(requests);
		assertThat(reachable("random-service")).isEqualTo(1.0);
		assertThat(ejections("random-service", "timeout")).isEqualTo(ejections + 1);
		// left out: no more time lost on it
		for (int i = 0; i < 4; i++) {
			this.client.get().uri("/api/echo/slow-accept").exchange().expectStatus().isOk();
		}
		assertThat(connectFailures("random-service", "timeout")).isEqualTo(timeouts + 3);
	}

	@Test
	void shouldOpenEveryChatSocketOnTheOtherInstanceWhileOneIsSlowToAccept() {
		slowMessaging.stopAccepting();
		double timeouts = connectFailures("messaging-service", "timeout");
		double socketFailures = breakerFailures("messaging-service-websocket");
		for (int i = 0; i < 2; i++) {
			assertThat(chat("busy " + i)).endsWith("echo busy " + i);
		}
		assertThat(reachable("messaging-service")).isEqualTo(2.0);
		// round robin: one of the two handshakes at least went to the slow one first
		assertThat(connectFailures("messaging-service", "timeout") - timeouts).isBetween(1.0, 2.0);
		assertThat(ejections("messaging-service", "timeout")).isZero();
		assertThat(breakerFailures("messaging-service-websocket")).isEqualTo(socketFailures);
	}

	@Test
	void shouldNeverLeaveOutTheOnlyInstanceOfAServiceForTimeouts() {
		slowContacts.stopAccepting();
		double timeouts = connectFailures("contacts-service", "timeout");
		for (int i = 0; i < 4; i++) {
			long start = System.nanoTime();
			this.client.get()
				.uri("/api/contacts")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("contacts-service is unavailable: it did not accept a connection.");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		}
		assertThat(reachable("contacts-service")).isEqualTo(1.0);
		assertThat(connectFailures("contacts-service", "timeout")).isEqualTo(timeouts + 4);
		assertThat(ejections("contacts-service", "timeout")).isZero();
		// accepting again, it is answering again at once, with no probe to wait for
		slowContacts.acceptAgain();
		this.client.get()
			.uri("/api/contacts")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("contacts-service");
	}

	@Test
	void shouldStillLeaveOutAnInstanceAtOnceWhenItRefusesAConnection() {
		refusingFileshare.stop();
		double refusals = ejections("fileshare-service", "refused");
		for (int i = 0; i < 2; i++) {
			this.client.get()
				.uri("/api/shares/abc")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.service")
				.isEqualTo("fileshare-service");
		}
		assertThat(reachable("fileshare-service")).isEqualTo(1.0);
		assertThat(ejections("fileshare-service", "refused")).isEqualTo(refusals + 1);
		assertThat(connectFailures("fileshare-service", "refused")).isPositive();
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

	private double connectFailures(String service, String reason) {
		return count("switchboard.gateway.instance.connect.failures", service, reason);
	}

	private double ejections(String service, String reason) {
		return count("switchboard.gateway.instance.ejections", service, reason);
	}

	private double count(String name, String service, String reason) {
		Counter counter = this.meters.find(name).tag("service", service).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double breakerFailures(String name) {
		Timer calls = this.meters.find("resilience4j.circuitbreaker.calls")
			.tag("name", name)
			.tag("kind", "failed")
			.timer();
		return (calls != null) ? calls.count() : 0;
	}

}
