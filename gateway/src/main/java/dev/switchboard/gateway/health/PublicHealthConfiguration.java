package dev.switchboard.gateway.health;

import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The health paths that stay on the gateway's public port while its actuator lives on the
 * management port: {@code /actuator/health} (the {@code public} group: every check),
 * {@code /actuator/health/liveness} and {@code /actuator/health/readiness} (the probes),
 * status only. Spring Boot can add a group to the main port itself, but only at a
 * one-segment path such as {@code /readyz}; these keep the paths every other service of
 * the suite answers.
 */
@Configuration(proxyBeanMethods = false)
class PublicHealthConfiguration {

	@Bean
	RouterFunction<ServerResponse> publicHealthRoutes(ReactiveHealthEndpointWebExtension health) {
		PublicHealth publicHealth = new PublicHealth(health);
		return RouterFunctions.route()
			.route(RequestPredicates.path("/actuator/health"), (request) -> publicHealth.status(request, "public"))
			.route(RequestPredicates.path("/actuator/health/liveness"),
					(request) -> publicHealth.status(request, "liveness"))
			.route(RequestPredicates.path("/actuator/health/readiness"),
					(request) -> publicHealth.status(request, "readiness"))
			.build();
	}

}
