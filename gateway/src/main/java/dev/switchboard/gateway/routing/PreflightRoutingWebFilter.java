package dev.switchboard.gateway.routing;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebHandler;

/**
 * Sends a CORS preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) to its route's service like any other request.
 * Spring WebFlux's dispatcher answers a preflight itself, by the gateway's own CORS
 * settings, and never hands it to a route: the gateway, which has none, would answer 200
 * with no CORS headers whatever the service allows, and the service would never see the
 * request. The services own their CORS policy as they own their owner checks, for every
 * method; the gateway's own pages still answer their preflights themselves.
 * <p>
 * Every other request goes on to the dispatcher with its Reactor context read here, once,
 * as {@link ContextBoundaryFilter} hands it to the routing filters: the dispatcher and
 * the route's filters ask for it several times per request, and the question no longer
 * goes up through the web filters' operators.
 */
class PreflightRoutingWebFilter implements WebFilter, Ordered {

	private final ServiceRoutesHandlerMapping routes;

	PreflightRoutingWebFilter(ServiceRoutesHandlerMapping routes) {
		this.routes = routes;
	}

	@Override
	public int getOrder() {
		// last, next to the dispatcher: the request id and access log filters run first
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return chain.filter(exchange).contextWrite(ContextBoundaryFilter.SAME);
		}
		return this.routes.route(exchange)
			.flatMap((handler) -> ((WebHandler) handler).handle(exchange).thenReturn(true))
			.switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
			.then();
	}

}
