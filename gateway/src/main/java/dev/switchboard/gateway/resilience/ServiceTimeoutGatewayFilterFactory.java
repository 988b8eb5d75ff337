package dev.switchboard.gateway.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code ServiceTimeout} route filter ({@code ServiceTimeout=5s}): once the whole
 * request has reached the gateway and gone on to the service, the service must start its
 * answer within the time given, or the client gets 504. Listed after the route's
 * {@code CircuitBreaker}, a late answer counts as a failure of the service.
 * <p>
 * The clock starts when the client has finished sending, not when the request begins, so
 * a client that sends its body slowly never spends its service's time (Resilience4j's
 * time limiter, which times the whole exchange, would make a slow client look like a slow
 * service). A request without a body is timed from the start, as before.
 */
@Component
public class ServiceTimeoutGatewayFilterFactory
		extends AbstractGatewayFilterFactory<ServiceTimeoutGatewayFilterFactory.Config> {

	/** One scheduler per event loop of the gateway's server, made on first use. */
	private static final Map<EventLoop, Scheduler> timers = new ConcurrentHashMap<>();

	public ServiceTimeoutGatewayFilterFactory() {
		super(Config.class);
	}

	/**
	 * The scheduler of an exchange's timer: the event loop of the client's connection, or
	 * Reactor's parallel scheduler when the exchange has none (a mock exchange).
	 * @param exchange the exchange
	 * @return the scheduler
	 */
	static Scheduler timer(ServerWebExchange exchange) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (request instanceof Connection connection) {
			return timers.computeIfAbsent(connection.channel().eventLoop(), Schedulers::fromExecutorService);
		}
		return Schedulers.parallel();
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("timeout");
	}

	@Override
	public GatewayFilter apply(Config config) {
		Duration timeout = config.getTimeout();
		Assert.isTrue(timeout != null && timeout.isPositive(), "ServiceTimeout needs a positive timeout");
		return new ServiceTimeout(timeout);
	}

	/**
	 * The filter's arguments.
	 */
	public static class Config {

		private @Nullable Duration timeout;

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	private record ServiceTimeout(Duration timeout) implements GatewayFilter {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
			ServerHttpRequest request = exchange.getRequest();
			HttpHeaders headers = request.getHeaders();
			Scheduler timer = timer(exchange);
			if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
				return chain.filter(exchange).timeout(this.timeout, timer);
			}
			BodySent sent = new BodySent(request);
			return chain.filter(exchange.mutate().request(sent).build())
				.timeout(sent.whenSent().then(Mono.delay(this.timeout, timer)));
		}

		@Override
		public String toString() {
			return "[ServiceTimeout " + this.timeout + "]";
		}

	}

	/**
	 * A request that tells when its body has been sent on whole.
	 */
	private static final class BodySent extends ServerHttpRequestDecorator {

		private final Sinks.Empty<Void> sent = Sinks.empty();

		BodySent(ServerHttpRequest request) {
			super(request);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return super.getBody().doOnComplete(this.sent::tryEmitEmpty);
		}

		Mono<Void> whenSent() {
			return this.sent.asMono();
		}

	}

}
