package dev.switchboard.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite starts from its jars as docker compose configures it, and every service is
 * ready, healthy and reachable.
 */
class SuiteReadyIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void shouldStartEveryComposeServiceAndReportItHealthy() throws Exception {
		Suite suite = Suite.shared();
		assertThat(suite.compose().builtServices()).containsKeys("gateway", "random-service", "contacts-service",
				"messaging-service", "messaging-service-2", "fileshare-service");
		for (ServiceProcess service : suite.services()) {
			var response = this.http.send(
					HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health")).build(),
					BodyHandlers.ofString());
			assertThat(response.statusCode()).as(service.name()).isEqualTo(200);
			assertThat(response.body()).as(service.name()).contains("\"UP\"");
			System.out.printf("%s ready in %d ms%n", service.name(), service.lastStartup().toMillis());
		}
	}

}
