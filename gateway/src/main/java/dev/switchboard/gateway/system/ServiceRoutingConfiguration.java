package dev.switchboard.gateway.system;

import java.util.List;

import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The filters that send a request to its service and write the service's answer: the
 * gateway's {@link ServiceRoutingFilter} in place of Spring Cloud Gateway's routing
 * filter, and Spring Cloud Gateway's own writing filter, which it declares only along
 * with its routing filter.
 */
@Configuration(proxyBeanMethods = false)
class ServiceRoutingConfiguration {

	@Bean
	ServiceRoutingFilter serviceRoutingFilter(HttpClient httpClient,
			ObjectProvider<List<HttpHeadersFilter>> headersFilters, HttpClientProperties properties) {
		return new ServiceRoutingFilter(httpClient, headersFilters, properties);
	}

	@Bean
	NettyWriteResponseFilter nettyWriteResponseFilter(GatewayProperties properties,
			ObjectProvider<List<HttpHeadersFilter>> headersFilters) {
		return new NettyWriteResponseFilter(properties.getStreamingMediaTypes(), headersFilters);
	}

}
