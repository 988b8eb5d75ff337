package dev.switchboard.service.tracing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TracingConventionsTests.TracedApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TracingConventionsTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@LocalServerPort
	private int port;

	@Test
	void shouldContinueTheCallersTraceInTheProblemAndTheLog(CapturedOutput output) throws Exception {
		HttpResponse<String> response = send("/traced/refused", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
		assertThat(response.statusCode()).isEqualTo(409);
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("traceId").asString()).isEqualTo(TRACE_ID);
		assertThat(output).containsPattern("\\[req-7\\] \\[" + TRACE_ID + "-[0-9a-f]{16}\\] .*refusing the thing");
	}

	@Test
	void shouldStartATraceWhenTheCallerSentNone(CapturedOutput output) throws Exception {
		HttpResponse<String> response = send("/traced/refused", null);
		String traceId = json.readTree(response.body()).path("traceId").asString();
		assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
		assertThat(output).contains("[" + traceId + "-");
	}

	@Test
	void shouldCarryTheTraceIdInAProblemOfTheErrorController() throws Exception {
		HttpResponse<String> response = send("/traced/teapot", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
		assertThat(response.statusCode()).isEqualTo(418);
		assertThat(json.readTree(response.body()).path("traceId").asString()).isEqualTo(TRACE_ID);
	}

	private HttpResponse<String> send(String path, String traceparent) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("X-Request-Id", "req-7");
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		return client.send(request.build(), BodyHandlers.ofString());
	}

	@SpringBootApplication
	static class TracedApplication {

		@RestController
		static class TracedController {

			private static final Log logger = LogFactory.getLog(TracedController.class);

			@GetMapping("/traced/refused")
			String refused() {
				logger.info("refusing the thing");
				throw new ResponseStatusException(HttpStatus.CONFLICT, "The thing is taken.");
			}

			@GetMapping("/traced/teapot")
			void teapot(jakarta.servlet.http.HttpServletResponse response) throws Exception {
				response.sendError(418);
			}

		}

	}

}
