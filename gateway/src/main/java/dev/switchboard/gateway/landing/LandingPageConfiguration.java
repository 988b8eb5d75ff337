package dev.switchboard.gateway.landing;

import dev.switchboard.gateway.system.SwitchboardGatewayProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the landing page at {@code /}, ahead of the gateway's routes.
 */
@Configuration(proxyBeanMethods = false)
class LandingPageConfiguration {

	@Bean
	RouterFunction<ServerResponse> landingPageRoute(SwitchboardGatewayProperties properties) {
		LandingPage page = new LandingPage(properties);
		return RouterFunctions.route(RequestPredicates.GET("/").or(RequestPredicates.HEAD("/")), page::render);
	}

}
