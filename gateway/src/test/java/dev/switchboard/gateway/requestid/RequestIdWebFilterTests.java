package dev.switchboard.gateway.requestid;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdWebFilterTests {

	private final RequestIdWebFilter filter = new RequestIdWebFilter();

	@Test
	void shouldKeepTheClientsRequestIdAndReturnItOnceWhenTheServiceEchoesIt() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/echo/x").header("X-Request-Id", "client-42.abc:7"));
		this.filter.filter(exchange, (routed) -> {
			assertThat(RequestId.of(routed)).isEqualTo("client-42.abc:7");
			// the service's answer carries the id too
			routed.getResponse().getHeaders().add("X-Request-Id", "client-42.abc:7");
			return routed.getResponse().setComplete();
		}).block();
		assertThat(exchange.getResponse().getHeaders().get("X-Request-Id")).containsExactly("client-42.abc:7");
	}

	@Test
	void shouldGiveARequestWithoutAnAcceptableIdANewVersion4Uuid() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/echo/x").header("X-Request-Id", "two words"));
		this.filter.filter(exchange, (routed) -> routed.getResponse().setComplete()).block();
		String id = RequestId.of(exchange);
		assertThat(UUID.fromString(id).version()).isEqualTo(4);
		assertThat(exchange.getResponse().getHeaders().get("X-Request-Id")).containsExactly(id);
	}

	@Test
	void shouldReturnTheIdOnAnAnswerWhoseHeadersWereReplaced() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/no/such/path"));
		this.filter.filter(exchange, (routed) -> {
			// as the problem answers do
			routed.getResponse().getHeaders().clear();
			return routed.getResponse().setComplete();
		}).block();
		assertThat(exchange.getResponse().getHeaders().get("X-Request-Id")).containsExactly(RequestId.of(exchange));
	}

}
