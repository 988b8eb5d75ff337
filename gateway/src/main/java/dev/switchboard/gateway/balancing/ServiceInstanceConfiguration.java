package dev.switchboard.gateway.balancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The beans of each service's load-balancer context (Spring Cloud LoadBalancer makes one
 * per service, named after it): the service's instances and a round-robin choice among
 * them. Not a {@code @Configuration}, so that component scanning leaves it out of the
 * gateway's own context; public for the code Spring AOT generates to register it.
 */
public class ServiceInstanceConfiguration {

	@Bean
	ServiceInstanceListSupplier serviceInstanceListSupplier(Environment environment, ServiceInstances services) {
		String service = LoadBalancerClientFactory.getName(environment);
		ReachableInstances instances = services.of(service);
		// a route to a service given no URL: no instance, so 503
		return (instances != null) ? instances : ReachableInstances.none(service);
	}

	@Bean
	ReactorLoadBalancer<ServiceInstance> reactorServiceInstanceLoadBalancer(Environment environment,
			LoadBalancerClientFactory loadBalancers) {
		String service = LoadBalancerClientFactory.getName(environment);
		return new RoundRobinLoadBalancer(loadBalancers.getLazyProvider(service, ServiceInstanceListSupplier.class),
				service);
	}

}
