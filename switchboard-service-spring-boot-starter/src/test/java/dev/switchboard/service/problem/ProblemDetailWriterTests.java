package dev.switchboard.service.problem;

import java.net.URI;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailWriterTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ProblemDetailWriter writer = new ProblemDetailWriter(this.json);

	@Test
	void shouldWriteProblemJsonWithTheProblemsStatusAndTheRequestPathAsInstance() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/users/me");
		MockHttpServletResponse response = new MockHttpServletResponse();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Send a bearer token.");
		problem.setProperty("requestId", "abc123");
		this.writer.write(request, response, problem);
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		JsonNode body = this.json.readTree(response.getContentAsByteArray());
		assertThat(body.get("status").asInt()).isEqualTo(401);
		assertThat(body.get("title").asString()).isEqualTo("Unauthorized");
		assertThat(body.get("detail").asString()).isEqualTo("Send a bearer token.");
		assertThat(body.get("instance").asString()).isEqualTo("/api/users/me");
		// properties are members of the problem, as Spring MVC renders them
		assertThat(body.get("requestId").asString()).isEqualTo("abc123");
		assertThat(body.has("properties")).isFalse();
	}

	@Test
	void shouldKeepAnInstanceTheProblemHasAndHeadersTheCallerSet() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws/chat");
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader("Retry-After", "10");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The chat is full.");
		problem.setInstance(URI.create("/chat"));
		this.writer.write(new ServletServerHttpRequest(request), new ServletServerHttpResponse(response), problem);
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("10");
		assertThat(this.json.readTree(response.getContentAsByteArray()).get("instance").asString()).isEqualTo("/chat");
	}

	@Test
	void shouldKeepTheRequestPathEncodedInTheInstance() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/pub/a%20b");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.writer.write(request, response, ProblemDetail.forStatus(HttpStatus.NOT_FOUND));
		assertThat(this.json.readTree(response.getContentAsByteArray()).get("instance").asString())
			.isEqualTo("/pub/a%20b");
	}

}
