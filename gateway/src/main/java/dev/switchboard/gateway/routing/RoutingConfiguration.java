package dev.switchboard.gateway.routing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.accept.ApiVersionStrategy;

/**
 * How requests find their route: the gateway's route mapping, in place of Spring Cloud
 * Gateway's own, and the filter that routes CORS preflights.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	@Bean
	ServiceRoutesHandlerMapping routePredicateHandlerMapping(FilteringWebHandler webHandler, RouteLocator routeLocator,
			GlobalCorsProperties globalCorsProperties, Environment environment,
			ObjectProvider<ApiVersionStrategy> apiVersionStrategy) {
		ServiceRoutesHandlerMapping mapping = new ServiceRoutesHandlerMapping(webHandler, routeLocator,
				globalCorsProperties, environment);
		apiVersionStrategy.ifAvailable(mapping::setApiVersionStrategy);
		return mapping;
	}

	@Bean
	PreflightRoutingWebFilter preflightRoutingWebFilter(ServiceRoutesHandlerMapping routes) {
		return new PreflightRoutingWebFilter(routes);
	}

}
