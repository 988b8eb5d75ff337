package dev.switchboard.gateway.balancing;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends a request on to another instance of its service when the one the load balancer
 * chose could not take it, as long as that is safe: when the instance did not accept the
 * connection (refused, timed out, unreachable, unresolvable: nothing of the request was
 * sent, so any method, a streamed upload included, goes on whole), or when it closed the
 * connection without an answer to a request that can be sent again (an idempotent method
 * with no body: the gateway never keeps a body to replay it). Each request tries each
 * instance at most once and skips those left out of the load balancer's choices; when
 * none is left, the client gets the last failure (503 for a connection not accepted).
 * <p>
 * It wraps the load balancer's choice and everything up to the service's answer headers,
 * inside the route's circuit breaker: an instance skipped this way is no failure of the
 * service. An instance that did not accept the connection may be left out of the load
 * balancer's choices until {@link InstanceProbe} connects to it again: at once when it
 * refused, only after several timeouts in a row when it timed out, and never for timeouts
 * when it is the last one left in ({@link ReachableInstances#notConnected}). An answer,
 * or a connection closed after the instance took it, ends a run of timeouts.
 */
@Component
class InstanceFailover implements GlobalFilter, Ordered {

	static final String TRIED = InstanceFailover.class.getName() + ".tried";

	// RFC 9110 idempotent methods
	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE, HttpMethod.PUT, HttpMethod.DELETE);

	private final ServiceInstances services;

	private final InstanceProbe probe;

	InstanceFailover(ServiceInstances services, InstanceProbe probe) {
		this.services = services;
		this.probe = probe;
	}

	@Override
	public int getOrder() {
		// just before the load balancer chooses an instance
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		if (url == null || !"lb".equals(url.getScheme())) {
			return chain.filter(exchange);
		}
		return attempt(exchange, chain, url);
	}

	private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, URI url) {
		return chain.filter(exchange)
			.doOnSuccess((done) -> answered(exchange))
			.onErrorResume((error) -> failOver(exchange, chain, url, error));
	}

	private static void answered(ServerWebExchange exchange) {
		if (chosen(exchange) instanceof TrackedInstance instance) {
			instance.connected();
		}
	}

	private static @Nullable ServiceInstance chosen(ServerWebExchange exchange) {
		Response<ServiceInstance> chosen = exchange
			.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		return (chosen != null) ? chosen.getServer() : null;
	}

	private Mono<Void> failOver(ServerWebExchange exchange, GatewayFilterChain chain, URI url, Throwable error) {
		if (!(chosen(exchange) instanceof TrackedInstance instance)) {
			return Mono.error(error);
		}
		ReachableInstances service = this.services.of(instance.getServiceId());
		if (service == null) {
			return Mono.error(error);
		}
		ConnectFailure notConnected = ConnectFailure.of(error);
		boolean closed = notConnected == null && closedUnanswered(error);
		if (notConnected != null && service.notConnected(instance, notConnected)) {
			this.probe.leftOut(instance, notConnected, error);
		}
		else if (closed) {
			// it took the connection
			instance.connected();
		}
		boolean unanswered = closed && replayable(exchange.getRequest());
		if (!(notConnected != null || unanswered) || exchange.getResponse().isCommitted()) {
			return Mono.error(error);
		}
		List<ServiceInstance> tried = exchange.getAttributeOrDefault(TRIED, new ArrayList<>(2));
		exchange.getAttributes().put(TRIED, tried);
		tried.add(instance);
		if (!service.hasUntried(tried)) {
			return Mono.error(error);
		}
		service.failedOver();
		ServerWebExchangeUtils.reset(exchange);
		exchange.getAttributes().remove(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, url);
		// the first attempt has taken the (empty) body: the next one gets its own
		ServerWebExchange next = unanswered ? exchange.mutate().request(new NoBody(exchange.getRequest())).build()
				: exchange;
		return attempt(next, chain, url);
	}

	/**
	 * The instances a request has tried, for the load balancer's choice.
	 * @param request the load balancer's request
	 * @return the instances tried, or {@code null} for none
	 */
	static @Nullable Collection<?> tried(Request<?> request) {
		if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null) {
			return (Collection<?>) context.getClientRequest().getAttributes().get(TRIED);
		}
		return null;
	}

	/** Whether the connection broke before any answer (it never breaks later here). */
	private static boolean closedUnanswered(Throwable error) {
		for (Throwable cause = error; cause != null; cause = next(cause)) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

	private static boolean replayable(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return IDEMPOTENT.contains(request.getMethod()) && headers.getContentLength() <= 0
				&& !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

	/**
	 * A request without a body, sent again.
	 */
	private static final class NoBody extends ServerHttpRequestDecorator {

		NoBody(ServerHttpRequest request) {
			super(request);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.empty();
		}

	}

}
