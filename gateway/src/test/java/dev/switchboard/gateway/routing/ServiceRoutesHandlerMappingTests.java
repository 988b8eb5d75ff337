package dev.switchboard.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRoutesHandlerMappingTests {

	private final AtomicInteger lastTested = new AtomicInteger();

	private List<Route> routes = List.of(route("redirect", (exchange) -> path(exchange).equals("/chat")),
			// two predicates, as Path and Method on one route: an AndAsyncPredicate
			Route.async()
				.id("uploads")
				.uri("http://uploads")
				.asyncPredicate(counted(4, (exchange) -> path(exchange).equals("/api/shares"))
					.and(AsyncPredicate.from((exchange) -> exchange.getRequest().getMethod() == HttpMethod.POST)))
				.build(),
			route("broken", (exchange) -> {
				if (path(exchange).equals("/broken")) {
					throw new IllegalStateException("a predicate that throws");
				}
				return false;
			}),
			// a predicate that answers later, as one reading the body would
			Route.async()
				.id("later")
				.uri("http://later")
				.asyncPredicate((exchange) -> Mono.delay(Duration.ofMillis(20))
					.map((tick) -> path(exchange).startsWith("/later")))
				.build(),
			Route.async()
				.id("failing")
				.uri("http://failing")
				.asyncPredicate((exchange) -> Mono
					.error(new IllegalStateException(path(exchange) + ": a predicate that answers with an error"))
					.filter((nothing) -> path(exchange).equals("/failing"))
					.onErrorResume((ex) -> path(exchange).equals("/failing") ? Mono.error(ex) : Mono.just(false))
					.cast(Boolean.class))
				.build(),
			route("api", (exchange) -> path(exchange).startsWith("/api/")), route("everything", (exchange) -> true));

	private final ServiceRoutesHandlerMapping mapping = new ServiceRoutesHandlerMapping(
			new FilteringWebHandler(List.of(), false), () -> Flux.fromIterable(this.routes), new GlobalCorsProperties(),
			new MockEnvironment());

	@Test
	void shouldFindTheFirstRouteThatMatchesInTheirOrder() {
		refreshed();
		assertThat(routeOf(MockServerHttpRequest.get("/chat"))).isEqualTo("redirect");
		assertThat(routeOf(MockServerHttpRequest.post("/api/shares"))).isEqualTo("uploads");
		assertThat(routeOf(MockServerHttpRequest.get("/api/shares"))).as("one of two predicates matches")
			.isEqualTo("api");
		assertThat(routeOf(MockServerHttpRequest.get("/api/random/int"))).isEqualTo("api");
		assertThat(routeOf(MockServerHttpRequest.get("/elsewhere"))).isEqualTo("everything");
	}

	@Test
	void shouldTestNoRouteAfterTheOneThatMatches() {
		refreshed();
		routeOf(MockServerHttpRequest.get("/chat"));
		assertThat(this.lastTested).as("the uploads route, after the match, is not tested").hasValue(0);
		routeOf(MockServerHttpRequest.get("/api/random/int"));
		assertThat(this.lastTested).hasValue(4);
	}

	@Test
	void shouldWaitForAPredicateThatAnswersLater() {
		refreshed();
		assertThat(routeOf(MockServerHttpRequest.get("/later/on"))).isEqualTo("later");
		assertThat(routeOf(MockServerHttpRequest.get("/api/after-a-late-no"))).isEqualTo("api");
	}

	@Test
	void shouldSkipARouteWhosePredicateThrows() {
		refreshed();
		assertThat(routeOf(MockServerHttpRequest.get("/broken"))).isEqualTo("everything");
	}

	@Test
	void shouldFailTheLookupWhenAPredicateAnswersWithAnError() {
		refreshed();
		StepVerifier.create(this.mapping.lookupRoute(MockServerWebExchange.from(MockServerHttpRequest.get("/failing"))))
			.expectErrorMessage("/failing: a predicate that answers with an error")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void shouldFindRoutesBeforeTheFirstRefreshAndUseTheRoutesOfTheLatest() {
		assertThat(routeOf(MockServerHttpRequest.get("/api/random/int"))).as("Spring Cloud Gateway's own lookup")
			.isEqualTo("api");
		refreshed();
		this.routes = List.of(route("only", (exchange) -> true));
		assertThat(routeOf(MockServerHttpRequest.get("/api/random/int"))).as("until the next refresh").isEqualTo("api");
		refreshed();
		assertThat(routeOf(MockServerHttpRequest.get("/api/random/int"))).isEqualTo("only");
		this.mapping.onApplicationEvent(new RefreshRoutesResultEvent(this, new IllegalStateException("failed")));
		assertThat(routeOf(MockServerHttpRequest.get("/api/random/int"))).as("a failed refresh changes nothing")
			.isEqualTo("only");
	}

	@Test
	void shouldNameTheRouteBeingTestedInTheExchange() {
		refreshed();
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/elsewhere"));
		this.mapping.lookupRoute(exchange).block(Duration.ofSeconds(5));
		assertThat((String) exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR))
			.isEqualTo("everything");
	}

	private void refreshed() {
		this.mapping.onApplicationEvent(new RefreshRoutesResultEvent(this));
	}

	private String routeOf(MockServerHttpRequest.BaseBuilder<?> request) {
		Route route = this.mapping.lookupRoute(MockServerWebExchange.from(request)).block(Duration.ofSeconds(5));
		assertThat(route).isNotNull();
		return route.getId();
	}

	private AsyncPredicate<ServerWebExchange> counted(int index,
			java.util.function.Predicate<ServerWebExchange> predicate) {
		return AsyncPredicate.from((exchange) -> {
			this.lastTested.set(index);
			return predicate.test(exchange);
		});
	}

	private static Route route(String id, java.util.function.Predicate<ServerWebExchange> predicate) {
		return Route.async().id(id).uri("http://" + id).asyncPredicate(AsyncPredicate.from(predicate)).build();
	}

	private static String path(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().value();
	}

}
