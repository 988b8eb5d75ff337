package dev.switchboard.gateway;

import java.util.List;
import java.util.Map;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregated Swagger UI lists every service's document, fetched through the gateway.
 */
class SwaggerAggregationTests extends GatewayIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Test
	void shouldListEveryServicesDocumentInTheSwaggerUiConfiguration() {
		Map<String, Object> config = this.client.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(config.get("urls")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactlyInAnyOrder(Map.of("name", "random-service", "url", "/v3/api-docs/random-service"),
					Map.of("name", "contacts-service", "url", "/v3/api-docs/contacts-service"),
					Map.of("name", "messaging-service", "url", "/v3/api-docs/messaging-service"),
					Map.of("name", "fileshare-service", "url", "/v3/api-docs/fileshare-service"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "random-service", "contacts-service", "messaging-service", "fileshare-service" })
	void shouldFetchEachServicesDocumentFromItsOwnApiDocsPath(String service) {
		Map<String, Object> echo = this.client.get()
			.uri("/v3/api-docs/" + service)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(echo).containsEntry("service", service).containsEntry("uri", "/v3/api-docs");
		@SuppressWarnings("unchecked")
		Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
		// what makes the service write the gateway's origin in its OpenAPI 'servers'
		assertThat(headers).containsEntry("x-forwarded-host", List.of("localhost:" + this.port))
			.containsEntry("x-forwarded-proto", List.of("http"));
	}

	@Test
	void shouldServeTheSwaggerUi() {
		String location = this.client.get()
			.uri("/swagger-ui.html")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.toString();
		this.client.get()
			.uri(location)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("swagger-ui"));
	}

}
