package dev.switchboard.gateway.websocket;

import java.net.URI;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.stereotype.Component;

/**
 * The {@code ServiceReachable} route filter: before the gateway accepts a WebSocket
 * handshake, it checks that the route's service accepts a TCP connection. Spring Cloud
 * Gateway upgrades the client's connection before it connects to the service, so a dead
 * service would otherwise look like a socket accepted and closed at once; with this check
 * the client gets 503 problem JSON, and the route's circuit breaker counts the failure.
 */
@Component
public class ServiceReachableGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	private static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 1000;

	private final int connectTimeoutMillis;

	public ServiceReachableGatewayFilterFactory(HttpClientProperties httpClient) {
		this.connectTimeoutMillis = (httpClient.getConnectTimeout() != null) ? httpClient.getConnectTimeout()
				: DEFAULT_CONNECT_TIMEOUT_MILLIS;
	}

	@Override
	public GatewayFilter apply(Object config) {
		return (exchange, chain) -> {
			Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
			boolean upgrade = "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
			if (route == null || !upgrade) {
				return chain.filter(exchange);
			}
			return connect(route.getUri()).doOnNext(Connection::dispose).then(chain.filter(exchange));
		};
	}

	private Mono<? extends Connection> connect(URI service) {
		boolean secure = "https".equalsIgnoreCase(service.getScheme()) || "wss".equalsIgnoreCase(service.getScheme());
		int port = (service.getPort() != -1) ? service.getPort() : (secure ? 443 : 80);
		return TcpClient.newConnection()
			.host(service.getHost())
			.port(port)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, this.connectTimeoutMillis)
			.connect();
	}

}
