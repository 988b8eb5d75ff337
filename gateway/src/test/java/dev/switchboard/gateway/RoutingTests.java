package dev.switchboard.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path family of the services reaches its service, with the method, path, query,
 * body and headers the client sent, plus the forwarded headers.
 */
class RoutingTests extends GatewayIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> ECHO = new ParameterizedTypeReference<>() {
	};

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "GET, /api/random/int?n=20&seed=7, random-service",
			"DELETE, /api/echo/fake/url?a=1&b=coucou, random-service",
			"GET, /api/contacts?q=ada&page=0, contacts-service", "PATCH, /api/contacts/12, contacts-service",
			"GET, /api/users?nickname=ada, messaging-service", "POST, /api/users/3/messages, messaging-service",
			"GET, /chat/, messaging-service", "GET, /chat/app.js, messaging-service",
			"GET, /api/shares/abc, fileshare-service", "DELETE, /api/shares/abc, fileshare-service",
			"GET, /s/abc/notes.txt, fileshare-service", "HEAD, /s/abc, fileshare-service",
			"GET, /share/d/abc, fileshare-service", "GET, /pub/, fileshare-service",
			"GET, /pub/docs/readme.md, fileshare-service" })
	void shouldRouteEachPathFamilyToItsService(String method, String uri, String service) {
		HttpMethod httpMethod = HttpMethod.valueOf(method);
		var response = this.client.method(httpMethod).uri(uri).exchange().expectStatus().isOk();
		if (httpMethod == HttpMethod.HEAD) {
			response.expectHeader().contentType(MediaType.APPLICATION_JSON);
			return;
		}
		Map<String, Object> echo = response.expectBody(ECHO).returnResult().getResponseBody();
		assertThat(echo).containsEntry("service", service).containsEntry("method", method).containsEntry("uri", uri);
	}

	@Test
	void shouldRouteStatusRequestsToRandomServiceAndPassItsAnswerThrough() {
		this.client.get()
			.uri("/api/status/418")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.I_AM_A_TEAPOT)
			.expectBody()
			.json("{\"status\":418}");
	}

	@Test
	void shouldPassBodyAndHeadersThrough() {
		Map<String, Object> echo = this.client.put()
			.uri(URI.create(gatewayUrl() + "/api/echo/anything?x=%C3%A9t%C3%A9"))
			.header("X-Custom", "one", "two")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("a=1&b=coucou")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(echo).containsEntry("uri", "/api/echo/anything?x=%C3%A9t%C3%A9")
			.containsEntry("body", "a=1&b=coucou");
		assertThat(headers(echo)).containsEntry("x-custom", List.of("one", "two"))
			.containsEntry("content-type", List.of("application/x-www-form-urlencoded"));
	}

	@Test
	void shouldSendForwardedHeadersNamingTheGateway() {
		Map<String, Object> echo = this.client.get()
			.uri("/api/random/int")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(headers(echo)).containsEntry("x-forwarded-host", List.of("localhost:" + this.port))
			.containsEntry("x-forwarded-proto", List.of("http"))
			.containsEntry("x-forwarded-port", List.of(String.valueOf(this.port)))
			.containsEntry("x-forwarded-for", List.of("127.0.0.1"));
	}

	@Test
	void shouldReplaceForwardingHeadersForgedByTheClient() {
		Map<String, Object> echo = this.client.get()
			.uri("/api/contacts")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Prefix", "/evil")
			.header("Forwarded", "host=evil.example;proto=https")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(headers(echo)).containsEntry("x-forwarded-host", List.of("localhost:" + this.port))
			.containsEntry("x-forwarded-proto", List.of("http"))
			.doesNotContainKeys("x-forwarded-prefix", "forwarded");
	}

	@Test
	void shouldStreamAnUploadToTheService() {
		byte[] body = new byte[3 * 1024 * 1024];
		this.client.post()
			.uri("/api/shares")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("fileshare-service")
			.jsonPath("$.bytes")
			.isEqualTo(body.length);
	}

	@Test
	void shouldPassRangeHeadersToTheService() {
		Map<String, Object> echo = this.client.get()
			.uri("/s/abc")
			.header("Range", "bytes=100-199")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(headers(echo)).containsEntry("range", List.of("bytes=100-199"));
	}

	@Test
	void shouldPassACorsPreflightToTheServiceUntouched() {
		Map<String, Object> echo = this.client.options()
			.uri("/api/users/3/messages")
			.header("Origin", "https://elsewhere.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin")
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(echo).containsEntry("service", "messaging-service").containsEntry("method", "OPTIONS");
		assertThat(headers(echo)).containsEntry("origin", List.of("https://elsewhere.example"))
			.containsEntry("access-control-request-method", List.of("POST"))
			.containsEntry("access-control-request-headers", List.of("authorization"));
	}

	@Test
	void shouldPassOptionsToTheService() {
		Map<String, Object> echo = this.client.options()
			.uri("/api/contacts/12")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(echo).containsEntry("service", "contacts-service").containsEntry("method", "OPTIONS");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/users/3/messages", "/api/contacts/12", "/api/shares/abc", "/s/abc", "/api/echo/x" })
	void shouldPassHeadToTheServiceAsHead(String uri) {
		this.client.head()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Echo-Method", "HEAD")
			.expectBody()
			.isEmpty();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "/chat, /chat/", "/share, /share/", "/pub, /pub/", "/chat?room=general, /chat/?room=general" })
	void shouldRedirectWebPagesToTheirTrailingSlash(String uri, String location) {
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.FOUND)
			.expectHeader()
			.location(location);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, List<String>> headers(Map<String, Object> echo) {
		return (Map<String, List<String>>) echo.get("headers");
	}

}
