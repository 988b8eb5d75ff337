package dev.switchboard.socket.autoconfigure;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.switchboard.socket.context.SocketServersBootstrap;
import dev.switchboard.socket.metrics.SocketServerMetrics;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the socket servers' Micrometer
 * meters, bound to the application's meter registry.
 */
@AutoConfiguration(after = SocketServerAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(SocketServersBootstrap.class)
public final class SocketServerMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketServerMetrics socketServerMetrics(SocketServersBootstrap bootstrap) {
		return new SocketServerMetrics(bootstrap.getServers());
	}

}
