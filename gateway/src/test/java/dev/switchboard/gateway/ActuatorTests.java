package dev.switchboard.gateway;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway exposes health (with probes), info, prometheus and its read-only routes,
 * and nothing else.
 */
class ActuatorTests extends GatewayIntegrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void shouldReportHealthAndProbes(String path) {
		this.client.get().uri(path).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void shouldDescribeTheBuildInInfo() {
		this.client.get()
			.uri("/actuator/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.build.artifact")
			.isEqualTo("gateway")
			.jsonPath("$.java.version")
			.exists();
	}

	@Test
	void shouldExposePrometheusMetricsPerRoute() {
		this.client.get().uri("/api/random/int").exchange().expectStatus().isOk();
		this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((text) -> assertThat(text).contains("resilience4j_circuitbreaker_state")
				.contains("spring_cloud_gateway_requests_seconds_count{")
				.containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"random-service\""));
	}

	@Test
	void shouldListTheRoutesReadOnly() {
		this.client.get()
			.uri("/actuator/gateway/routes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.route_id == 'fileshare-service-uploads')]")
			.exists();
		this.client.post().uri("/actuator/gateway/refresh").exchange().expectStatus().is4xxClientError();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump" })
	void shouldNotExposeOtherEndpoints(String path) {
		this.client.get().uri(path).exchange().expectStatus().isNotFound();
	}

}
