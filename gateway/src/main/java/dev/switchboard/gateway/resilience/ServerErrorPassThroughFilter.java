package dev.switchboard.gateway.resilience;

import java.util.function.Function;
import java.util.function.Predicate;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Lets a service's own 5xx answer reach the client once its route's circuit breaker has
 * counted it. The {@code CircuitBreaker} filter counts the statuses listed in its
 * {@code statusCodes} by failing the exchange, which would replace the service's answer
 * (its problem JSON) with the gateway's 502; this filter, placed between every route
 * filter and the filter that writes the service's answer, turns that failure back into
 * the answer the service gave.
 */
@Component
class ServerErrorPassThroughFilter implements GlobalFilter, Ordered {

	private static final Predicate<Throwable> COUNTED_STATUS = CircuitBreakerStatusCodeException.class::isInstance;

	private static final Function<Throwable, Mono<Void>> PASS_THROUGH = (counted) -> Mono.empty();

	@Override
	public int getOrder() {
		// inside the filter that writes the answer (-1), outside every route filter (1,
		// 2…)
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).onErrorResume(COUNTED_STATUS, PASS_THROUGH);
	}

}
