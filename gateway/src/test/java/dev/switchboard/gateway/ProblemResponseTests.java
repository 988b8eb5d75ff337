package dev.switchboard.gateway;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The gateway's own errors are problem JSON with a human detail, never Spring Boot's
 * default error JSON.
 */
class ProblemResponseTests extends GatewayIntegrationTest {

	@Test
	void shouldAnswer404ProblemForAnUnknownPath() {
		this.client.get()
			.uri("/no/such/path?x=1")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.title")
			.isEqualTo("Not Found")
			.jsonPath("$.detail")
			.isEqualTo("Nothing at /no/such/path: no service or page of the gateway has this path.")
			.jsonPath("$.instance")
			.isEqualTo("/no/such/path")
			.jsonPath("$.error")
			.doesNotExist()
			.jsonPath("$.trace")
			.doesNotExist();
	}

	@Test
	void shouldAnswer405ProblemForAMethodTheGatewayDoesNotAllow() {
		this.client.post()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The method POST is not allowed on /actuator/health.");
	}

	@Test
	void shouldAnswer431ProblemWhenRequestHeadersAreTooLarge() {
		this.client.get()
			.uri("/api/random/int")
			.header("X-Big", "x".repeat(20_000))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("X-Request-Id")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(431)
			.jsonPath("$.detail")
			.isEqualTo("The request headers are larger than the gateway accepts.");
	}

	@Test
	void shouldAnswer414ProblemWhenTheUriIsTooLong() {
		this.client.get()
			.uri("/api/random/" + "a".repeat(10_000))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.URI_TOO_LONG)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The request URI is longer than the gateway accepts.");
	}

	@Test
	void shouldPassTheServicesOwnAnswersThroughUntouched() {
		this.client.get()
			.uri("/api/shares/abc")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON);
	}

}
