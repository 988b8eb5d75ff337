package dev.switchboard.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.cloud.gateway.route.RouteDefinitionMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Cloud Gateway's gauge of the routes defined
 * ({@code spring.cloud.gateway.routes.count}), which it declares only along with its
 * metrics filter, replaced by {@link RouteRequestMetrics}.
 */
@Configuration(proxyBeanMethods = false)
class RouteMetricsConfiguration {

	@Bean
	RouteDefinitionMetrics routeDefinitionMetrics(MeterRegistry registry, RouteDefinitionLocator routes) {
		return new RouteDefinitionMetrics(registry, routes, "spring.cloud.gateway");
	}

}
