package dev.switchboard.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Times every routed request as {@code spring.cloud.gateway.requests}, with Spring Cloud
 * Gateway's tags ({@code routeId}, {@code routeUri}, {@code outcome}, {@code status},
 * {@code httpStatusCode}, {@code httpMethod}), from the request to its answer's headers,
 * in place of Spring Cloud Gateway's metrics filter
 * ({@code spring.cloud.gateway.server.webflux.metrics.enabled: false}). That filter made
 * each tag provider's tags and merged them (a sorted copy per merge), then looked the
 * timer up by them, on every request: 2.6 % of the gateway's CPU time per proxied request
 * (JFR under {@code bench/run.sh gateway}). Here a request's timer is found by its route,
 * status and method.
 * <p>
 * A method that HTTP does not define is tagged {@code OTHER}: a client may send any token
 * as a method, and each would otherwise be a timer of its own, kept for ever.
 */
@Component
class RouteRequestMetrics implements GlobalFilter, Ordered {

	static final String NAME = "spring.cloud.gateway.requests";

	private static final String OTHER_METHOD = "OTHER";

	private static final HttpMethod[] METHODS = HttpMethod.values();

	private final MeterRegistry registry;

	private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

	RouteRequestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public int getOrder() {
		// Spring Cloud Gateway's place for it: inside the filter that writes the answer
		return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Timer.Sample sample = Timer.start(this.registry);
		return chain.filter(exchange).doOnTerminate(() -> stopWhenCommitted(exchange, sample));
	}

	private void stopWhenCommitted(ServerWebExchange exchange, Timer.Sample sample) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			stop(exchange, sample);
		}
		else {
			response.beforeCommit(() -> {
				stop(exchange, sample);
				return Mono.empty();
			});
		}
	}

	private void stop(ServerWebExchange exchange, Timer.Sample sample) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		Key key = new Key((route != null) ? route.getId() : null, (route != null) ? route.getUri().toString() : null,
				(status != null) ? status.value() : -1, method(exchange.getRequest().getMethod()));
		Timer timer = this.timers.get(key);
		if (timer == null) {
			timer = this.timers.computeIfAbsent(key, this::timer);
		}
		sample.stop(timer);
	}

	private static String method(HttpMethod method) {
		for (HttpMethod known : METHODS) {
			if (known == method) {
				return method.name();
			}
		}
		return OTHER_METHOD;
	}

	private Timer timer(Key key) {
		return Timer.builder(NAME).tags(key.tags()).register(this.registry);
	}

	/**
	 * What tells one timer from another.
	 */
	private record Key(@Nullable String routeId, @Nullable String routeUri, int status, String method) {

		/**
		 * Spring Cloud Gateway's tags: those of the route (none without a route), and
		 * those of the answer, where a status HTTP does not name is {@code CUSTOM}.
		 */
		Tags tags() {
			String outcome = "CUSTOM";
			String statusName = "CUSTOM";
			String code = "NA";
			if (this.status >= 0) {
				code = String.valueOf(this.status);
				statusName = code;
				HttpStatus known = HttpStatus.resolve(this.status);
				if (known != null) {
					outcome = known.series().name();
					statusName = known.name();
				}
			}
			Tags tags = Tags.of("outcome", outcome, "status", statusName, "httpStatusCode", code, "httpMethod",
					this.method);
			if (this.routeId != null && this.routeUri != null) {
				tags = tags.and("routeId", this.routeId, "routeUri", this.routeUri);
			}
			return tags;
		}

	}

}
