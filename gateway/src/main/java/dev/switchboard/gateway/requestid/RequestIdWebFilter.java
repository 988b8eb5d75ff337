package dev.switchboard.gateway.requestid;

import reactor.core.publisher.Mono;

import dev.switchboard.requestid.RequestIds;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request its {@code X-Request-Id}, by the suite's rule ({@link RequestIds}):
 * the client's own when acceptable, else a new one. The id goes back to the client on
 * every answer, the gateway's own errors included, and on to the service
 * ({@code DownstreamHeadersFilter}). The first of the gateway's filters
 * ({@code EdgeWebFilters}): the access log and the problem answers name the id.
 */
public class RequestIdWebFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = RequestIds.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		RequestId.set(exchange, requestId);
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> {
			// set, not add: the service echoes the same id, the client gets it once
			response.getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
