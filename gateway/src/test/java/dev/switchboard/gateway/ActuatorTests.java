package dev.switchboard.gateway;

import java.time.Duration;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the public port the gateway shows only its health status and its probes; everything
 * else of its actuator (details, metrics, info, routes) is on the management port, which
 * compose does not publish.
 */
class ActuatorTests extends GatewayIntegrationTest {

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ApplicationContext context;

	private WebTestClient management;

	@BeforeEach
	void bindManagementClient() {
		this.management = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.managementPort)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void shouldShowOnlyTheHealthStatusOnThePublicPort(String path) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"status\":\"UP\"}", JsonCompareMode.STRICT);
	}

	@Test
	void shouldAnswer503OnThePublicReadinessProbeWhileRefusingTraffic() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		try {
			this.client.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectBody()
				.json("{\"status\":\"OUT_OF_SERVICE\"}", JsonCompareMode.STRICT);
			this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		}
		finally {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/prometheus", "/actuator/info", "/actuator/gateway/routes",
			"/actuator/health/diskSpace", "/actuator/health/ping", "/actuator/health/readinessState", "/actuator/env",
			"/actuator/beans", "/actuator/configprops", "/actuator/heapdump" })
	void shouldHideEverythingElseOfTheActuatorOnThePublicPort(String path) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("UP").doesNotContain("jvm").doesNotContain("route_id"));
	}

	@Test
	void shouldShowHealthDetailsOnTheManagementPort() {
		this.management.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.diskSpace.details.free")
			.exists();
		this.management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
	}

	@Test
	void shouldDescribeTheBuildInInfoOnTheManagementPort() {
		this.management.get()
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
	void shouldExposePrometheusMetricsPerRouteOnTheManagementPort() {
		this.client.get().uri("/api/random/int").exchange().expectStatus().isOk();
		this.management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((text) -> assertThat(text).contains("resilience4j_circuitbreaker_state")
				.containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"random-service\"")
				.containsPattern("spring_cloud_gateway_requests_seconds_bucket\\{[^}]*httpStatusCode=\"200\"")
				.contains("spring_cloud_gateway_routes_count")
				.contains("switchboard_gateway_request_read_timeouts_total"));
	}

	@Test
	void shouldListTheRoutesReadOnlyOnTheManagementPort() {
		this.management.get()
			.uri("/actuator/gateway/routes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.route_id == 'fileshare-service-uploads')]")
			.exists();
		this.management.post().uri("/actuator/gateway/refresh").exchange().expectStatus().is4xxClientError();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump" })
	void shouldNotExposeOtherEndpointsOnTheManagementPort(String path) {
		this.management.get().uri(path).exchange().expectStatus().isNotFound();
	}

	@Test
	void shouldNotRouteTheManagementPortToTheServices() {
		this.management.get().uri("/api/random/int").exchange().expectStatus().isNotFound();
	}

}
