package dev.switchboard.e2e;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service crashes (SIGKILL): the gateway answers 503 problem JSON on its routes within
 * 2 s, every other route keeps working, and its routes recover once it is back.
 */
class ServiceCrashIT extends FaultTest {

	/** The gateway's circuit breaker waits 3 s before it tries a service again. */
	private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);

	@Test
	void shouldAnswer503ForAKilledServiceKeepOtherRoutesAndRecoverWhenItIsBack() {
		assertThat(this.gateway.get("/api/contacts").status()).isEqualTo(200);
		ServiceProcess contacts = this.suite.service("contacts-service");
		contacts.kill();

		// enough calls to open the circuit breaker (10), and some while it is open
		for (int i = 0; i < 15; i++) {
			SuiteHttp.Answer answer = this.gateway.get((i % 2 == 0) ? "/api/contacts" : "/api/contacts/1",
					Duration.ofSeconds(10));
			assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
			assertThat(answer.isProblem()).as(answer.toString()).isTrue();
			assertThat(answer.json().path("service").asString()).as(answer.toString()).isEqualTo("contacts-service");
			assertThat(answer.json().path("detail").asString()).as(answer.toString()).isNotBlank();
			assertThat(answer.took()).as(answer.toString()).isLessThan(Duration.ofSeconds(2));
		}

		SuiteHttp.Answer users = this.gateway.get("/api/users");
		assertThat(users.status()).as(users.toString()).isEqualTo(200);
		SuiteHttp.Answer noShare = this.gateway.get("/api/shares/no-such-share");
		assertThat(noShare.status()).as(noShare.toString()).isEqualTo(404);
		assertThat(noShare.isProblem()).as(noShare.toString()).isTrue();
		SuiteHttp.Answer gatewayHealth = this.gateway.get("/actuator/health");
		assertThat(gatewayHealth.status()).as(gatewayHealth.toString()).isEqualTo(200);
		assertThat(Tcp.exchange(this.suite.publishedPort(3000), "still here"))
			.isEqualTo("Serveur a re\u00e7u still here");

		contacts.restart(Suite.STARTUP_TIMEOUT);
		Instant ready = Instant.now();
		await().atMost(RECOVERY_LIMIT)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> {
				SuiteHttp.Answer answer = this.gateway.get("/api/contacts", Duration.ofSeconds(10));
				assertThat(answer.status()).as("recovered within %s: %s", RECOVERY_LIMIT, answer).isEqualTo(200);
			});
		Duration recovery = Duration.between(ready, Instant.now());
		System.out.printf("contacts-service route recovered %d ms after the service was ready%n", recovery.toMillis());
	}

}
