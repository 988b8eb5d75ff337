package dev.switchboard.random;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.switchboard.test.python.Python3;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * random-service's HTTP API on a real Tomcat: the course's own Python calls verbatim,
 * what only a real server shows (unencoded characters, HEAD, chunked bodies, forwarded
 * headers), and the OpenAPI document.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RandomServiceIntegrationTests {

	private static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${local.server.port}")
	private int port;

	private RestTestClient rest;

	@BeforeEach
	void createClient() {
		this.rest = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void shouldAnswerTheCourseRandomApiCallsVerbatim() throws IOException {
		String program = seed("seeds/random_api.py").replace("http://localhost:3003", "http://localhost:" + this.port);
		String[] lines = Python3.run(PYTHON_TIMEOUT, Map.of(), program).successfulOutput().split("\n");
		assertThat(lines).hasSize(4);
		assertThat(Integer.parseInt(lines[0])).isBetween(0, 100);
		assertThat(Double.parseDouble(lines[1])).isGreaterThanOrEqualTo(0).isLessThan(1);
		List<Integer> first = pythonInts(lines[2]);
		List<Integer> second = pythonInts(lines[3]);
		assertThat(first).hasSize(20).allMatch((value) -> value >= 0 && value <= 100);
		assertThat(second).hasSize(20).allMatch((value) -> value >= 0 && value <= 100);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void shouldAnswerTheCourseHttpbinCallsVerbatimOnTheEcho() throws IOException {
		String program = seed("seeds/httpbin_calls.py").replace("http://httpbin.org",
				"http://localhost:" + this.port + "/api/echo");
		String[] lines = Python3.run(PYTHON_TIMEOUT, Map.of(), program).successfulOutput().split("\n");
		assertThat(lines).hasSize(4);
		JsonNode get = JSON.readTree(lines[0]);
		assertThat(get.get("method").asString()).isEqualTo("GET");
		assertThat(get.get("path").asString()).isEqualTo("/api/echo/get");
		assertThat(get.get("headers").get("User-Agent").get(0).asString()).startsWith("python-requests/");
		assertThat(get.get("client").asString()).matches("127\\.0\\.0\\.1:\\d+");
		JsonNode query = JSON.readTree(lines[1]).get("query");
		assertThat(query.toString()).isEqualTo("{\"a\":[\"10\"],\"b\":[\"100\"]}");
		JsonNode post = JSON.readTree(lines[2]);
		assertThat(post.get("method").asString()).isEqualTo("POST");
		assertThat(post.get("body").toString())
			.isEqualTo("{\"name\":[\"Basile Marchand\"],\"mail\":[\"basile.marchand@mines-paristech.fr\"]}");
		JsonNode delete = JSON.readTree(lines[3]);
		assertThat(delete.get("method").asString()).isEqualTo("DELETE");
		assertThat(delete.get("body").isNull()).isTrue();
	}

	@Test
	void shouldAnswerTheCourseHttpClientVerbatimOnTheEcho() throws IOException {
		String program = seed("seeds/http_client.py")
				+ """

						import sys
						base = sys.argv[1]
						http_client("http://127.0.0.1", base, "GET", "/api/echo/fake/url")
						http_client("http://127.0.0.1", base, "POST", "/api/echo/fake/url", {"list":[1,2,3,True], "fake":"A useless string"}, None)
						http_client("http://127.0.0.1", base, "POST", "/api/echo/fake/url", None, {"list":[1,2,3,True], "fake":"A useless string"})
						http_client("http://127.0.0.1", base, "GET", "/api/echo/fake/url?a=1&b=coucou")
						""";
		String[] lines = Python3.run(PYTHON_TIMEOUT, Map.of(), program, String.valueOf(this.port))
			.successfulOutput()
			.split("\n");
		assertThat(lines).hasSize(4);
		assertThat(JSON.readTree(lines[0]).get("path").asString()).isEqualTo("/api/echo/fake/url");
		assertThat(JSON.readTree(lines[1]).get("body").toString())
			.isEqualTo("{\"list\":[\"1\",\"2\",\"3\",\"True\"],\"fake\":[\"A useless string\"]}");
		assertThat(JSON.readTree(lines[2]).get("body").toString())
			.isEqualTo("{\"list\":[1,2,3,true],\"fake\":\"A useless string\"}");
		JsonNode withQuery = JSON.readTree(lines[3]);
		assertThat(withQuery.get("path").asString()).isEqualTo("/api/echo/fake/url");
		assertThat(withQuery.get("query").toString()).isEqualTo("{\"a\":[\"1\"],\"b\":[\"coucou\"]}");
	}

	@Test
	void shouldAcceptTheCharactersCurlUsersTypeUnencoded() throws IOException {
		String response = raw(
				"GET /api/echo/a[1]/{b}|^?x[]=1&y={2}|^ HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200");
		JsonNode echoed = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
		assertThat(echoed.get("path").asString()).isEqualTo("/api/echo/a[1]/{b}|^");
		assertThat(echoed.get("query").toString()).isEqualTo("{\"x[]\":[\"1\"],\"y\":[\"{2}|^\"]}");
	}

	@Test
	void shouldAnswerHeadWithTheHeadersOfGetAndNoBody() throws IOException {
		String response = raw("HEAD /api/echo/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 200").contains("Content-Type: application/json").endsWith("\r\n\r\n");
	}

	@Test
	void shouldAnswer413ToAChunkedBodyOverTheLimit() throws IOException {
		StringBuilder request = new StringBuilder("POST /api/echo HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
		String chunk = "x".repeat(64 * 1024);
		for (int i = 0; i < 17; i++) {
			request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
		}
		request.append("0\r\n\r\n");
		String response = raw(request.toString());
		assertThat(response).startsWith("HTTP/1.1 413")
			.contains("application/problem+json")
			.contains("switchboard.random.request-echo.max-body-size");
	}

	@Test
	void shouldShowTheForwardedClientAddress() {
		JsonNode echoed = this.rest.get()
			.uri("/api/echo")
			.header("X-Forwarded-For", "203.0.113.7")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		assertThat(echoed.get("client").asString()).matches("203\\.0\\.113\\.7:\\d+");
	}

	@Test
	void shouldAnswerStatusCodesOverHttp() throws IOException {
		this.rest.get().uri("/api/status/418").exchange().expectStatus().isEqualTo(418);
		String noContent = raw("GET /api/status/204 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(noContent).startsWith("HTTP/1.1 204").endsWith("\r\n\r\n").doesNotContain("Content-Type");
		this.rest.get()
			.uri("/api/status/abc")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].name")
			.isEqualTo("code");
	}

	@Test
	void shouldAnswer404ProblemForAnUnknownRandomPath() {
		this.rest.get()
			.uri("/api/random/nothing")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void shouldDocumentEveryOperationWithSummaryExamplesAndErrors() {
		JsonNode document = this.rest.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseBody();
		JsonNode paths = document.get("paths");
		assertThat(paths.propertyNames()).contains("/api/random/int", "/api/random/float", "/api/random/gaussian",
				"/api/random/uuid", "/api/random/bytes", "/api/random/string", "/api/random/dice",
				"/api/random/shuffle", "/api/random/pick", "/api/echo/{path}", "/api/status/{code}");
		List<String> operations = new ArrayList<>();
		for (String path : paths.propertyNames()) {
			for (String method : paths.get(path).propertyNames()) {
				JsonNode operation = paths.get(path).get(method);
				operations.add(method + " " + path);
				assertThat(operation.path("summary").asString()).as(method + " " + path).isNotBlank();
				assertThat(operation.get("responses").has("400")).as(method + " " + path).isTrue();
				assertThat(operation.get("responses").get("400").get("content").has("application/problem+json"))
					.isTrue();
				for (JsonNode parameter : operation.path("parameters")) {
					assertThat(parameter.has("example") || parameter.path("schema").has("default"))
						.as(method + " " + path + " " + parameter.get("name"))
						.isTrue();
				}
			}
		}
		assertThat(operations).contains("get /api/random/int", "options /api/echo/{path}", "delete /api/status/{code}");
		assertThat(paths.get("/api/random/int").get("get").toString()).contains("SplitMix64");
	}

	private String raw(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream output = socket.getOutputStream();
			output.write(request.getBytes(StandardCharsets.UTF_8));
			output.flush();
			InputStream input = socket.getInputStream();
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static List<Integer> pythonInts(String list) {
		return JSON.readValue(list, JSON.getTypeFactory().constructCollectionType(List.class, Integer.class));
	}

	private static String seed(String path) throws IOException {
		return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
	}

}
