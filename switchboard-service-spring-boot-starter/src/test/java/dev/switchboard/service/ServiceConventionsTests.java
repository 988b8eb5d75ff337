package dev.switchboard.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ConventionsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ServiceConventionsTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void shouldAnswerProblemJsonForAnUnknownPath() throws Exception {
		HttpResponse<String> response = send(get("/no/such/path"));
		assertProblem(response, 404);
		assertThat(detail(response)).contains("/no/such/path");
		assertThat(json.readTree(response.body()).path("instance").asString()).isEqualTo("/no/such/path");
	}

	@Test
	void shouldAnswerProblemJsonFromAFilterWithTheWriterTheStarterOffers() throws Exception {
		HttpResponse<String> response = send(get("/refused-in-filter"));
		assertProblem(response, 401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("detail").asString()).isEqualTo("Send a bearer token.");
		assertThat(body.path("instance").asString()).isEqualTo("/refused-in-filter");
		assertThat(body.path("scheme").asString()).isEqualTo("Bearer");
	}

	@Test
	void shouldNameTheParameterWhenItHasTheWrongType() throws Exception {
		HttpResponse<String> response = send(get("/things/3?count=many"));
		assertProblem(response, 400);
		assertThat(detail(response)).contains("'count'").contains("many");
	}

	@Test
	void shouldNameTheParameterWhenItBreaksAConstraint() throws Exception {
		HttpResponse<String> response = send(get("/things/0"));
		assertProblem(response, 400);
		assertThat(detail(response)).contains("'id'");
		assertThat(json.readTree(response.body()).path("errors").get(0).path("name").asString()).isEqualTo("id");
	}

	@Test
	void shouldNameTheFieldWhenABodyIsInvalid() throws Exception {
		HttpResponse<String> response = send(post("/things", "{\"name\":\" \"}"));
		assertProblem(response, 400);
		assertThat(detail(response)).contains("'name'");
	}

	@Test
	void shouldNameTheBodyFieldWhenTheMethodAlsoValidatesParameters() throws Exception {
		HttpResponse<String> response = send(post("/things/3", "{\"name\":\"\"}"));
		assertProblem(response, 400);
		assertThat(detail(response)).contains("'name'").doesNotContain("'thing'");
	}

	@Test
	void shouldExplainAMalformedBody() throws Exception {
		HttpResponse<String> response = send(post("/things", "{\"name\":"));
		assertProblem(response, 400);
		assertThat(detail(response)).startsWith("The request body is not valid");
	}

	@Test
	void shouldAnswerProblemJsonForAMethodNotAllowed() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/things/3")).method("DELETE", BodyPublishers.noBody()).build());
		assertProblem(response, 405);
	}

	@Test
	void shouldAnswer503WithRetryAfterWhenStorageIsDown() throws Exception {
		HttpResponse<String> response = send(get("/storage"));
		assertProblem(response, 503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
	}

	@Test
	void shouldAnswer503WhenTheConnectionIsLostUnderAQuery() throws Exception {
		HttpResponse<String> response = send(get("/storage/connection-lost"));
		assertProblem(response, 503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
	}

	@Test
	void shouldAnswer503WhenTheRollbackFindsTheConnectionClosed() throws Exception {
		assertProblem(send(get("/storage/rollback-failed")), 503);
	}

	@Test
	void shouldAnswer503WhenAFilterCannotGetAConnection() throws Exception {
		HttpResponse<String> response = send(get("/storage/in-filter"));
		assertProblem(response, 503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(json.readTree(response.body()).path("instance").asString()).isEqualTo("/storage/in-filter");
	}

	@Test
	void shouldStillAnswer500ForADataAccessBug() throws Exception {
		assertProblem(send(get("/storage/misuse")), 500);
	}

	@Test
	void shouldRenderContainerErrorsAsProblemJson() throws Exception {
		HttpResponse<String> response = send(get("/teapot"));
		assertProblem(response, 418);
		assertThat(json.readTree(response.body()).path("instance").asString()).isEqualTo("/teapot");
	}

	@Test
	void shouldKeepAValidRequestIdAndReplaceAnInvalidOne() throws Exception {
		HttpResponse<String> kept = send(
				HttpRequest.newBuilder(uri("/things/1")).header("X-Request-Id", "abc-123").build());
		assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("abc-123");
		HttpResponse<String> replaced = send(
				HttpRequest.newBuilder(uri("/things/1")).header("X-Request-Id", "bad id\twith tab").build());
		assertThat(replaced.headers().firstValue("X-Request-Id")).isPresent().get().asString().hasSize(36);
		HttpResponse<String> created = send(get("/things/1"));
		assertThat(created.headers().firstValue("X-Request-Id")).isPresent();
	}

	@Test
	void shouldDocumentDeclaredErrorsAsProblemJson() throws Exception {
		JsonNode api = json.readTree(send(get("/v3/api-docs")).body());
		assertThat(api.path("components").path("schemas").has("Problem")).isTrue();
		JsonNode notFound = api.path("paths").path("/things/{id}").path("get").path("responses").path("404");
		JsonNode media = notFound.path("content").path("application/problem+json");
		assertThat(media.path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
		assertThat(media.path("example").path("detail").asString()).isEqualTo("No thing with this id");
		assertThat(notFound.path("content").size()).isOne();
		assertThat(api.path("info").path("title").asString()).startsWith("Switchboard ");
		assertThat(api.path("paths").has("/error")).isFalse();
	}

	@Test
	void shouldExposeOnlyHealthInfoAndPrometheus() throws Exception {
		assertThat(send(get("/actuator/health/readiness")).statusCode()).isEqualTo(200);
		assertThat(send(get("/actuator/health/liveness")).statusCode()).isEqualTo(200);
		assertThat(send(get("/actuator/prometheus")).statusCode()).isEqualTo(200);
		assertThat(send(get("/actuator/info")).statusCode()).isEqualTo(200);
		assertProblem(send(get("/actuator/env")), 404);
	}

	private void assertProblem(HttpResponse<String> response, int status) throws Exception {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("status").asInt()).isEqualTo(status);
		assertThat(body.path("detail").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
	}

	private String detail(HttpResponse<String> response) {
		return json.readTree(response.body()).path("detail").asString();
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return client.send(request, BodyHandlers.ofString());
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).build();
	}

	private HttpRequest post(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
