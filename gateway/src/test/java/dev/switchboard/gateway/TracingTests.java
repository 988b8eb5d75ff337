package dev.switchboard.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * W3C trace context: the gateway continues a client's {@code traceparent} (or starts a
 * trace), passes it on to the service with its own span as the parent, and names the
 * trace in its access line and its problem answers; {@code X-Request-Id} is untouched.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingTests extends GatewayIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> ECHO = new ParameterizedTypeReference<>() {
	};

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String CLIENT_SPAN = "b7ad6b7169203331";

	@Test
	void shouldPassTheClientsTraceOnToTheServiceUnderTheGatewaysSpan(CapturedOutput output) {
		EntityExchangeResult<Map<String, Object>> result = echo("00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01");
		String traceparent = seenByService(result, "traceparent").get(0);
		String[] parts = traceparent.split("-");
		assertThat(parts).hasSize(4);
		assertThat(parts[1]).isEqualTo(TRACE_ID);
		assertThat(parts[2]).matches("[0-9a-f]{16}").isNotEqualTo(CLIENT_SPAN);
		assertThat(parts[3]).isEqualTo("01");
		assertThat(seenByService(result, "x-request-id")).containsExactly("trace-req-1");
		// the access line is written once the exchange has completed, after the client
		// has its answer
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output).contains("requestId=trace-req-1 traceId=" + TRACE_ID));
	}

	@Test
	void shouldStartATraceWhenTheClientSentNone() {
		EntityExchangeResult<Map<String, Object>> result = echo(null);
		assertThat(seenByService(result, "traceparent")).singleElement()
			.asString()
			.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[13]")
			.doesNotContain(TRACE_ID);
	}

	@Test
	void shouldNameTheTraceInTheGatewaysOwnProblems() {
		this.client.get()
			.uri("/no/such/path")
			.header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.traceId")
			.isEqualTo(TRACE_ID);
	}

	private EntityExchangeResult<Map<String, Object>> echo(String traceparent) {
		return this.client.get().uri("/api/echo/trace").headers((headers) -> {
			headers.set("X-Request-Id", "trace-req-1");
			if (traceparent != null) {
				headers.set("traceparent", traceparent);
			}
		}).exchange().expectStatus().isOk().expectBody(ECHO).returnResult();
	}

	@SuppressWarnings("unchecked")
	private static List<String> seenByService(EntityExchangeResult<Map<String, Object>> result, String header) {
		Map<String, List<String>> headers = (Map<String, List<String>>) result.getResponseBody().get("headers");
		return headers.get(header);
	}

}
