package dev.switchboard.gateway.routing;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Hands the routing filters (HTTP and WebSocket) the request's Reactor context as it is,
 * from one operator next to them. The context a subscriber sees is its downstream's,
 * which each operator asks of the next one: Reactor Netty's HTTP client asks for it
 * several times per request (connecting, retrying, reading the answer), and each time the
 * question went through every operator of the gateway's filters and of the web filters up
 * to the server's observation, tens of them; that walk was 7 % of the gateway's CPU time
 * per proxied request (JFR under {@code bench/run.sh gateway}). Here it stops at this
 * filter, which reads the context once, when the request is subscribed to. The context
 * does not change: a Reactor context is set once per subscription.
 */
@Component
class ContextBoundaryFilter implements GlobalFilter, Ordered {

	/** The context as it is. */
	static final Function<Context, Context> SAME = Function.identity();

	@Override
	public int getOrder() {
		// after every other filter, just before the WebSocket and HTTP routing filters
		return NettyRoutingFilter.ORDER - 2;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).contextWrite(SAME);
	}

}
