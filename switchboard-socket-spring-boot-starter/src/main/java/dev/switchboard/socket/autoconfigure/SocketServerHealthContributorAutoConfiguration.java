package dev.switchboard.socket.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.switchboard.socket.context.SocketServersBootstrap;
import dev.switchboard.socket.health.SocketServerHealthIndicator;
import dev.switchboard.socket.server.SocketServer;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the socket servers' health:
 * {@code /actuator/health/socket/<name>}, one indicator per server. Disable with
 * {@code management.health.socket.enabled=false}.
 */
@AutoConfiguration(after = SocketServerAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SocketServersBootstrap.class)
@ConditionalOnEnabledHealthIndicator("socket")
public final class SocketServerHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "socketHealthContributor")
	HealthContributor socketHealthContributor(SocketServersBootstrap bootstrap) {
		Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
		for (SocketServer server : bootstrap.getServers()) {
			indicators.put(server.name(), new SocketServerHealthIndicator(server));
		}
		return CompositeHealthContributor.fromMap(indicators);
	}

}
