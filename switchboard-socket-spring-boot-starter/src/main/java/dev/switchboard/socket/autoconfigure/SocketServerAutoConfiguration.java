package dev.switchboard.socket.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import dev.switchboard.socket.context.SocketServersBootstrap;
import dev.switchboard.socket.server.DatagramHandler;
import dev.switchboard.socket.server.SocketHandler;
import dev.switchboard.socket.server.SocketServerCustomizer;
import dev.switchboard.socket.server.SocketServerFactory;
import dev.switchboard.socket.virtualthreads.VirtualThreadSocketServerFactory;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for raw socket servers: one server
 * per entry of {@code switchboard.socket.servers}, served by the {@link SocketHandler}
 * (TCP) and {@link DatagramHandler} (UDP) beans named or qualified like the entry. No
 * handler bean, no server.
 */
@AutoConfiguration
@Conditional(SocketServerAutoConfiguration.OnHandlerCondition.class)
@EnableConfigurationProperties(SocketServerProperties.class)
public final class SocketServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketServerFactory socketServerFactory() {
		return new VirtualThreadSocketServerFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	SocketServersBootstrap socketServersBootstrap(SocketServerProperties properties, SocketServerFactory factory,
			ObjectProvider<SocketServerCustomizer> customizers, ListableBeanFactory beanFactory) {
		SocketServerRegistrar registrar = new SocketServerRegistrar(properties, customizers.orderedStream().toList(),
				beanFactory);
		return new SocketServersBootstrap(registrar.createServers(factory));
	}

	static class OnHandlerCondition extends AnyNestedCondition {

		OnHandlerCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(SocketHandler.class)
		static class HasSocketHandler {

		}

		@ConditionalOnBean(DatagramHandler.class)
		static class HasDatagramHandler {

		}

	}

}
