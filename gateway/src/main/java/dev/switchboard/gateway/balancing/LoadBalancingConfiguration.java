package dev.switchboard.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Cloud LoadBalancer for the {@code lb://<service>} routes, with no discovery
 * client: every service's load balancer takes its instances from
 * {@code switchboard.gateway.services} ({@link ServiceInstanceConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = ServiceInstanceConfiguration.class)
class LoadBalancingConfiguration {

}
