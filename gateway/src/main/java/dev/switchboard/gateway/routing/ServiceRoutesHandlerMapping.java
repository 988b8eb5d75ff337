package dev.switchboard.gateway.routing;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud Gateway's route mapping, which also answers, for
 * {@link PreflightRoutingWebFilter}, the route of a request, and which never routes the
 * management server's requests. That server (a child context, whose dispatcher also uses
 * this mapping) is told apart by its application context; Spring Cloud Gateway's own
 * check, by port number, misses a management port chosen at random.
 * <p>
 * A request's route is the first, in the routes' order, whose predicate matches, as in
 * Spring Cloud Gateway, but found without a reactive pipeline per request: the routes are
 * kept as a list from each refresh of the route locator, and each route's answer is read
 * as soon as its predicate gives it ({@link RouteAnswer}); only a predicate that answers
 * later is waited for. Spring Cloud Gateway's own lookup (a {@code filterWhen} over the
 * cached routes' signals) took about a tenth of the gateway's CPU time per proxied
 * request (JFR under {@code bench/run.sh gateway}).
 */
class ServiceRoutesHandlerMapping extends RoutePredicateHandlerMapping
		implements ApplicationListener<RefreshRoutesResultEvent> {

	private final RouteLocator routeLocator;

	/** The routes in their order, from the last refresh; null until the first. */
	private volatile @Nullable List<Route> routes;

	ServiceRoutesHandlerMapping(FilteringWebHandler webHandler, RouteLocator routeLocator,
			GlobalCorsProperties globalCorsProperties, Environment environment) {
		super(webHandler, routeLocator, globalCorsProperties, environment);
		this.routeLocator = routeLocator;
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

	/**
	 * Keeps the routes the route locator has just cached (it caches them on start-up and
	 * on every refresh, then says so with this event).
	 * @param event the route locator's refresh
	 */
	@Override
	public void onApplicationEvent(RefreshRoutesResultEvent event) {
		if (event.isSuccess()) {
			this.routeLocator.getRoutes().collectList().subscribe((routes) -> this.routes = List.copyOf(routes));
		}
	}

	@Override
	protected Mono<Route> lookupRoute(ServerWebExchange exchange) {
		List<Route> routes = this.routes;
		return (routes != null) ? firstMatch(routes, 0, exchange) : super.lookupRoute(exchange);
	}

	/**
	 * The first of the routes from {@code from} on that matches the request. Like Spring
	 * Cloud Gateway's lookup, a predicate that throws is a route that does not match, and
	 * a predicate that answers with an error fails the lookup.
	 */
	private Mono<Route> firstMatch(List<Route> routes, int from, ServerWebExchange exchange) {
		ContextView context = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REACTOR_CONTEXT_ATTR);
		for (int i = from; i < routes.size(); i++) {
			Route route = routes.get(i);
			exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
			Publisher<Boolean> test;
			try {
				test = route.getPredicate().apply(exchange);
			}
			catch (RuntimeException ex) {
				this.logger.error("Error applying predicate for route: " + route.getId(), ex);
				continue;
			}
			RouteAnswer answer = RouteAnswer.of(test, context);
			if (!answer.given()) {
				int next = i + 1;
				return answer.later()
					.flatMap((matched) -> matched ? matched(route, exchange) : firstMatch(routes, next, exchange));
			}
			Throwable error = answer.error();
			if (error != null) {
				return Mono.error(error);
			}
			if (!answer.matched()) {
				continue;
			}
			return matched(route, exchange);
		}
		return Mono.empty();
	}

	private Mono<Route> matched(Route route, ServerWebExchange exchange) {
		try {
			validateRoute(route, exchange);
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return Mono.just(route);
	}

}
