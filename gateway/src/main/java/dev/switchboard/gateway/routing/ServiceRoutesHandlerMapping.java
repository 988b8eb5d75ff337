package dev.switchboard.gateway.routing;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud Gateway's route mapping, which also answers, for
 * {@link PreflightRoutingWebFilter}, the route of a request, and which never routes the
 * management server's requests. That server (a child context, whose dispatcher also uses
 * this mapping) is told apart by its application context; Spring Cloud Gateway's own
 * check, by port number, misses a management port chosen at random.
 */
class ServiceRoutesHandlerMapping extends RoutePredicateHandlerMapping {

	ServiceRoutesHandlerMapping(FilteringWebHandler webHandler, RouteLocator routeLocator,
			GlobalCorsProperties globalCorsProperties, Environment environment) {
		super(webHandler, routeLocator, globalCorsProperties, environment);
	}

	/**
	 * The handler of the route a request matches, with no CORS processing.
	 * @param exchange the exchange
	 * @return the gateway's handler with the route recorded in the exchange, or empty
	 */
	Mono<?> route(ServerWebExchange exchange) {
		return getHandlerInternal(exchange);
	}

	@Override
	protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
		if (exchange.getApplicationContext() != obtainApplicationContext()) {
			return Mono.empty();
		}
		return super.getHandlerInternal(exchange);
	}

}
