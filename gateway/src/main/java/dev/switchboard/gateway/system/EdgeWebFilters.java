package dev.switchboard.gateway.system;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.switchboard.gateway.accesslog.AccessLogWebFilter;
import dev.switchboard.gateway.problem.ErrorBoundaryWebFilter;
import dev.switchboard.gateway.problem.ProblemJsonErrorHandler;
import dev.switchboard.gateway.requestid.RequestIdWebFilter;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The web filters every request meets first, in this order: the request id (which the
 * others name), the access log (when on), then the error boundary (inside the access log,
 * so that a line shows the status of a problem answer).
 * <p>
 * They take one place in Spring's filter chain, not three: each place there costs every
 * request a {@code Mono.defer}, a checkpoint operator and the filter's {@code toString()}
 * (about 550 bytes, measured), and these three run for every request the gateway serves.
 */
@Component
class EdgeWebFilters implements WebFilter, Ordered {

	private final WebFilter[] filters;

	EdgeWebFilters(SwitchboardGatewayProperties properties, ProblemJsonErrorHandler errors) {
		List<WebFilter> filters = new ArrayList<>(3);
		filters.add(new RequestIdWebFilter());
		if (properties.accessLog()) {
			filters.add(new AccessLogWebFilter());
		}
		filters.add(new ErrorBoundaryWebFilter(errors));
		this.filters = filters.toArray(WebFilter[]::new);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return filter(0, exchange, chain);
	}

	private Mono<Void> filter(int index, ServerWebExchange exchange, WebFilterChain chain) {
		if (index == this.filters.length - 1) {
			return this.filters[index].filter(exchange, chain);
		}
		return this.filters[index].filter(exchange, (next) -> filter(index + 1, next, chain));
	}

	@Override
	public String toString() {
		// Spring's filter chain names each filter in a checkpoint, on every request
		return "EdgeWebFilters";
	}

}
