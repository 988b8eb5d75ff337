package dev.switchboard.gateway.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ContextBoundaryFilterTests {

	private final ContextBoundaryFilter filter = new ContextBoundaryFilter();

	@Test
	void shouldHandTheRoutingFiltersTheRequestsContextAsItIs() {
		AtomicReference<ContextView> seen = new AtomicReference<>();
		this.filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/api/random/int")),
				(exchange) -> Mono.deferContextual((context) -> {
					seen.set(context);
					return Mono.empty();
				}))
			.contextWrite((context) -> context.put("observation", "the request's").put("trace", "its span"))
			.block(Duration.ofSeconds(5));

		assertThat(seen.get()).isNotNull();
		assertThat(seen.get().<String>get("observation")).isEqualTo("the request's");
		assertThat(seen.get().<String>get("trace")).isEqualTo("its span");
		assertThat(seen.get().size()).isEqualTo(2);
	}

	@Test
	void shouldComeJustBeforeTheRoutingFilters() {
		// the WebSocket routing filter is ordered one before the HTTP one
		assertThat(this.filter.getOrder()).isLessThan(NettyRoutingFilter.ORDER - 1)
			.isGreaterThan(ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER);
	}

}
