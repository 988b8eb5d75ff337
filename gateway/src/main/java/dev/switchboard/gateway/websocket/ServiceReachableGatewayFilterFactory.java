package dev.switchboard.gateway.websocket;

import java.net.URI;

import dev.switchboard.gateway.balancing.InstanceProbe;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.stereotype.Component;

/**
 * The {@code ServiceReachable} route filter: before the gateway accepts a WebSocket
 * handshake, it checks that the instance the load balancer chose accepts a TCP
 * connection. Spring Cloud Gateway upgrades the client's connection before it connects to
 * the service, so a dead instance would otherwise look like a socket accepted and closed
 * at once; with this check the handshake goes to another instance of the service, or,
 * when none accepts connections, the client gets 503 problem JSON and the route's circuit
 * breaker counts the failure. A connect timeout is no refusal: under a burst of
 * handshakes an instance may be slow to accept, and the load balancer leaves it out only
 * after several in a row, never when it is the service's last. It runs right after the
 * load balancer's choice, whatever its place in the route's filter list.
 */
@Component
public class ServiceReachableGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	private static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;

	private final InstanceProbe probe;

	public ServiceReachableGatewayFilterFactory(InstanceProbe probe) {
		this.probe = probe;
	}

	@Override
	public GatewayFilter apply(Object config) {
		return new OrderedGatewayFilter((exchange, chain) -> {
			URI instance = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
			boolean upgrade = "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
			if (instance == null || !upgrade) {
				return chain.filter(exchange);
			}
			Response<ServiceInstance> chosen = exchange
				.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
			Mono<Void> connected = (chosen != null && chosen.hasServer()) ? this.probe.connect(chosen.getServer())
					: this.probe.connect(instance.getHost(), port(instance));
			return connected.then(chain.filter(exchange));
		}, ORDER);
	}

	private static int port(URI instance) {
		if (instance.getPort() != -1) {
			return instance.getPort();
		}
		String scheme = instance.getScheme();
		return ("https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)) ? 443 : 80;
	}

}
