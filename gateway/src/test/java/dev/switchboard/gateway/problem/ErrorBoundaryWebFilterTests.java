package dev.switchboard.gateway.problem;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ErrorBoundaryWebFilterTests {

	private final ErrorBoundaryWebFilter filter = new ErrorBoundaryWebFilter(
			new ProblemJsonErrorHandler(ServerCodecConfigurer.create()));

	@Test
	void shouldAnswerAnErrorFurtherInAsProblemJson() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/no/such/path"));
		this.filter.filter(exchange, (routed) -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
			.contains("\"detail\":\"Nothing at /no/such/path: no service or page of the gateway has this path.\"");
	}

	@Test
	void shouldLeaveAnErrorAloneOnceTheAnswerHasStarted() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/s/big"));
		IllegalStateException broken = new IllegalStateException("transfer broken");
		Mono<Void> answer = this.filter.filter(exchange,
				(routed) -> routed.getResponse().setComplete().then(Mono.error(broken)));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> answer.block(Duration.ofSeconds(5)))
			.isSameAs(broken);
	}

	@Test
	void shouldPassAnAnswerWithoutErrorThroughUntouched() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/status/503"));
		this.filter.filter(exchange, (routed) -> {
			routed.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return routed.getResponse().setComplete();
		}).block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isNull();
	}

}
