package dev.switchboard.gateway;

import java.util.List;
import java.util.Map;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code X-Request-Id}: created when absent, a client's valid one kept, passed to the
 * service and returned to the client exactly once.
 */
class RequestIdTests extends GatewayIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> ECHO = new ParameterizedTypeReference<>() {
	};

	@Test
	void shouldCreateARequestIdAndPassItToTheService() {
		EntityExchangeResult<Map<String, Object>> result = echo(null);
		List<String> returned = result.getResponseHeaders().get("X-Request-Id");
		assertThat(returned).singleElement().asString().matches("[0-9a-f-]{36}");
		assertThat(seenByService(result)).isEqualTo(returned);
	}

	@Test
	void shouldKeepAValidRequestIdFromTheClient() {
		EntityExchangeResult<Map<String, Object>> result = echo("client-42.abc:7");
		assertThat(result.getResponseHeaders().get("X-Request-Id")).containsExactly("client-42.abc:7");
		assertThat(seenByService(result)).containsExactly("client-42.abc:7");
	}

	@Test
	void shouldReplaceARequestIdThatIsTooLongOrNotPrintable() {
		for (String invalid : List.of("x".repeat(129), "two words", "semi;colon")) {
			EntityExchangeResult<Map<String, Object>> result = echo(invalid);
			String returned = result.getResponseHeaders().getFirst("X-Request-Id");
			assertThat(returned).isNotEqualTo(invalid).matches("[0-9a-f-]{36}");
			assertThat(seenByService(result)).containsExactly(returned);
		}
	}

	@Test
	void shouldReturnARequestIdOnTheGatewaysOwnAnswers() {
		this.client.get()
			.uri("/no/such/path")
			.header("X-Request-Id", "lost-1")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals("X-Request-Id", "lost-1")
			.expectBody()
			.jsonPath("$.requestId")
			.isEqualTo("lost-1");
	}

	private EntityExchangeResult<Map<String, Object>> echo(String requestId) {
		return this.client.get().uri("/api/echo/id").headers((headers) -> {
			if (requestId != null) {
				headers.set("X-Request-Id", requestId);
			}
		}).exchange().expectStatus().isOk().expectBody(ECHO).returnResult();
	}

	@SuppressWarnings("unchecked")
	private static List<String> seenByService(EntityExchangeResult<Map<String, Object>> result) {
		Map<String, List<String>> headers = (Map<String, List<String>>) result.getResponseBody().get("headers");
		return headers.get("x-request-id");
	}

}
