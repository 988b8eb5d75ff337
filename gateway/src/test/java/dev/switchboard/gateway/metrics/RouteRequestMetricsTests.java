package dev.switchboard.gateway.metrics;

import java.net.URI;
import java.time.Duration;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class RouteRequestMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RouteRequestMetrics metrics = new RouteRequestMetrics(this.registry);

	private final Route route = Route.async()
		.id("random-service")
		.uri(URI.create("lb://random-service"))
		.predicate((exchange) -> true)
		.build();

	@Test
	void shouldTimeEachRequestWithTheRouteAndItsAnswer() {
		routed(HttpMethod.GET, HttpStatus.OK);
		routed(HttpMethod.GET, HttpStatus.OK);
		routed(HttpMethod.POST, HttpStatus.SERVICE_UNAVAILABLE);

		assertThat(timer(Tags.of("routeId", "random-service", "routeUri", "lb://random-service", "outcome",
				"SUCCESSFUL", "status", "OK", "httpStatusCode", "200", "httpMethod", "GET"))
			.count()).isEqualTo(2);
		assertThat(
				timer(Tags.of("routeId", "random-service", "routeUri", "lb://random-service", "outcome", "SERVER_ERROR",
						"status", "SERVICE_UNAVAILABLE", "httpStatusCode", "503", "httpMethod", "POST"))
					.count())
			.isEqualTo(1);
	}

	@Test
	void shouldTagAStatusHttpDoesNotNameAsCustom() {
		routed(HttpMethod.GET, HttpStatusCode.valueOf(599));
		assertThat(timer(Tags.of("outcome", "CUSTOM", "status", "599", "httpStatusCode", "599")).count()).isEqualTo(1);
	}

	@Test
	void shouldTagAMethodHttpDoesNotDefineAsOther() {
		routed(HttpMethod.valueOf("BREW"), HttpStatus.OK);
		routed(HttpMethod.valueOf("WHEN"), HttpStatus.OK);
		assertThat(timer(Tags.of("httpMethod", "OTHER")).count()).isEqualTo(2);
		assertThat(this.registry.find(RouteRequestMetrics.NAME).timers()).hasSize(1);
	}

	@Test
	void shouldStopTheClockWhenTheAnswerIsCommittedAfterTheFilters() {
		MockServerWebExchange exchange = exchange(HttpMethod.GET);
		this.metrics.filter(exchange, (routed) -> {
			routed.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
			return Mono.empty();
		}).block(Duration.ofSeconds(5));
		assertThat(this.registry.find(RouteRequestMetrics.NAME).timers()).as("not yet committed").isEmpty();

		exchange.getResponse().setComplete().block(Duration.ofSeconds(5));
		assertThat(timer(Tags.of("httpStatusCode", "404")).count()).isEqualTo(1);
	}

	@Test
	void shouldTimeARequestThatFailed() {
		MockServerWebExchange exchange = exchange(HttpMethod.GET);
		Mono<Void> failed = this.metrics.filter(exchange, (routed) -> {
			routed.getResponse().setStatusCode(HttpStatus.BAD_GATEWAY);
			return routed.getResponse().setComplete().then(Mono.error(new IllegalStateException("refused")));
		});
		assertThat(failed.onErrorComplete().block(Duration.ofSeconds(5))).isNull();
		assertThat(timer(Tags.of("httpStatusCode", "502", "routeId", "random-service")).count()).isEqualTo(1);
	}

	@Test
	void shouldTimeARequestNoRouteMatchedWithoutRouteTags() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/nowhere"));
		this.metrics.filter(exchange, (routed) -> {
			routed.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
			return routed.getResponse().setComplete();
		}).block(Duration.ofSeconds(5));
		Timer timer = timer(Tags.of("httpStatusCode", "404"));
		assertThat(timer.getId().getTag("routeId")).isNull();
	}

	private void routed(HttpMethod method, HttpStatusCode status) {
		this.metrics.filter(exchange(method), (routed) -> {
			routed.getResponse().setStatusCode(status);
			return routed.getResponse().setComplete();
		}).block(Duration.ofSeconds(5));
	}

	private MockServerWebExchange exchange(HttpMethod method) {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.method(method, URI.create("/api/random/int")));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, this.route);
		return exchange;
	}

	private Timer timer(Tags tags) {
		Timer timer = this.registry.find(RouteRequestMetrics.NAME).tags(tags).timer();
		assertThat(timer).as("a timer tagged %s", tags).isNotNull();
		return timer;
	}

}
