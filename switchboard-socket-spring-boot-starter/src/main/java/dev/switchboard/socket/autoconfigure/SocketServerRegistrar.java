package dev.switchboard.socket.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.context.properties.PropertyMapper;

import dev.switchboard.socket.autoconfigure.SocketServerProperties.Protocol;
import dev.switchboard.socket.echo.CourseEchoHandler;
import dev.switchboard.socket.echo.Rfc862DatagramEchoHandler;
import dev.switchboard.socket.echo.Rfc862EchoHandler;
import dev.switchboard.socket.server.DatagramHandler;
import dev.switchboard.socket.server.SocketHandler;
import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerCustomizer;
import dev.switchboard.socket.server.SocketServerException;
import dev.switchboard.socket.server.SocketServerFactory;
import dev.switchboard.socket.server.SocketServerSettings;
import dev.switchboard.socket.server.Transport;

/**
 * Creates one server per enabled entry of {@code switchboard.socket.servers}, with the
 * handler of the protocol the entry names, else the handler bean named or qualified like
 * the entry.
 */
final class SocketServerRegistrar {

	private final SocketServerProperties properties;

	private final List<SocketServerCustomizer> customizers;

	private final ListableBeanFactory beanFactory;

	SocketServerRegistrar(SocketServerProperties properties, List<SocketServerCustomizer> customizers,
			ListableBeanFactory beanFactory) {
		this.properties = properties;
		this.customizers = customizers;
		this.beanFactory = beanFactory;
	}

	List<SocketServer> createServers(SocketServerFactory factory) {
		List<SocketServer> servers = new ArrayList<>();
		for (Map.Entry<String, SocketServerProperties.Server> entry : this.properties.servers().entrySet()) {
			if (entry.getValue().enabled()) {
				SocketServerSettings settings = settings(entry.getKey(), entry.getValue());
				this.customizers.forEach((customizer) -> customizer.customize(settings));
				Protocol protocol = entry.getValue().protocol();
				servers.add(factory.getSocketServer(settings,
						handler(settings, protocol, Transport.TCP, SocketHandler.class),
						handler(settings, protocol, Transport.UDP, DatagramHandler.class)));
			}
		}
		return servers;
	}

	private SocketServerSettings settings(String name, SocketServerProperties.Server server) {
		SocketServerSettings settings = new SocketServerSettings(name);
		PropertyMapper map = PropertyMapper.get();
		map.from(server.port()).to(settings::setPort);
		map.from(server.address()).to(settings::setAddress);
		map.from(server.transport()).to(settings::setTransports);
		map.from(server.maxConnections()).to(settings::setMaxConnections);
		map.from(server.idleTimeout()).to(settings::setIdleTimeout);
		map.from(server.requestTimeout()).to(settings::setRequestTimeout);
		map.from(server.maxRequestSize()).to(settings::setMaxRequestSize);
		map.from(server.writeTimeout()).to(settings::setWriteTimeout);
		map.from(server.maxUnsentPerConnection()).to(settings::setMaxUnsentPerConnection);
		map.from(server.maxUnsentPerServer()).to(settings::setMaxUnsentPerServer);
		SocketServerProperties.Udp udp = server.udp();
		map.from(udp.minSourcePort()).to(settings::setMinSourcePort);
		map.from(udp.sourceRate()).to(settings::setSourceRate);
		map.from(udp.sourceBurst()).to(settings::setSourceBurst);
		map.from(udp.maxSources()).to(settings::setMaxSources);
		map.from(udp.globalRate()).to(settings::setGlobalRate);
		map.from(udp.globalBurst()).to(settings::setGlobalBurst);
		map.from(this.properties.shutdownTimeout()).to(settings::setShutdownTimeout);
		return settings;
	}

	private <T> @Nullable T handler(SocketServerSettings settings, @Nullable Protocol protocol, Transport transport,
			Class<T> type) {
		if (!settings.getTransports().contains(transport)) {
			return null;
		}
		if (protocol != null) {
			// EchoAutoConfiguration declares the handlers of every protocol a server
			// names
			return type.cast(this.beanFactory.getBean(protocolHandlerType(protocol, transport)));
		}
		String name = settings.getName();
		try {
			return BeanFactoryAnnotationUtils.qualifiedBeanOfType(this.beanFactory, type, name);
		}
		catch (NoUniqueBeanDefinitionException ex) {
			throw new SocketServerException("Socket server '" + name + "' has several " + type.getSimpleName()
					+ " beans named or qualified '" + name + "': keep one", ex);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new SocketServerException("Socket server '" + name + "' listens on " + transport + " but no "
					+ type.getSimpleName() + " bean is named or qualified '" + name + "': declare one with @Bean(\""
					+ name + "\") or @Qualifier(\"" + name + "\"), or set switchboard.socket.servers." + name
					+ ".protocol to a protocol the starter serves (course-echo, rfc862)", ex);
		}
		catch (BeansException ex) {
			throw new SocketServerException(
					"Socket server '" + name + "' cannot get its " + type.getSimpleName() + " '" + name + "'", ex);
		}
	}

	private static Class<?> protocolHandlerType(Protocol protocol, Transport transport) {
		return switch (protocol) {
			case COURSE_ECHO -> CourseEchoHandler.class;
			case RFC862 -> (transport == Transport.TCP) ? Rfc862EchoHandler.class : Rfc862DatagramEchoHandler.class;
		};
	}

}
