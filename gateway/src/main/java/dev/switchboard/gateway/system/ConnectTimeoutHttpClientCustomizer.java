package dev.switchboard.gateway.system;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives the gateway's HTTP client its connect timeout
 * ({@code switchboard.gateway.connect-timeout}) once, when the client is made. Spring
 * Cloud Gateway's own
 * {@code spring.cloud.gateway.server.webflux.httpclient.connect-timeout} does the same,
 * and then sets it again on every request it routes, which copies the whole client
 * configuration each time.
 */
@Component
class ConnectTimeoutHttpClientCustomizer implements HttpClientCustomizer {

	private final int connectTimeoutMillis;

	ConnectTimeoutHttpClientCustomizer(SwitchboardGatewayProperties properties) {
		this.connectTimeoutMillis = (int) properties.connectTimeout().toMillis();
	}

	@Override
	public HttpClient customize(HttpClient httpClient) {
		return httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, this.connectTimeoutMillis);
	}

}
