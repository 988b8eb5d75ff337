package dev.switchboard.socket.context;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Publishes the port each socket server listens on as the environment property
 * {@code local.switchboard.socket.<name>.port}, as {@code local.server.port} is for the
 * web server: with port 0 in tests, inject it with
 * {@code @Value("${local.switchboard.socket.echo.port}")}. Propagated to parent contexts.
 */
public class SocketPortInfoApplicationContextInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		applicationContext.addApplicationListener(new Listener(applicationContext));
	}

	/**
	 * Return the name of the property that holds a server's port.
	 * @param serverName the server's name
	 * @return {@code local.switchboard.socket.<name>.port}
	 */
	public static String portProperty(String serverName) {
		return "local.switchboard.socket." + serverName + ".port";
	}

	private static final class Listener implements ApplicationListener<SocketServerInitializedEvent> {

		private static final String PROPERTY_SOURCE_NAME = "server.ports";

		private final ConfigurableApplicationContext applicationContext;

		Listener(ConfigurableApplicationContext applicationContext) {
			this.applicationContext = applicationContext;
		}

		@Override
		public void onApplicationEvent(SocketServerInitializedEvent event) {
			InetSocketAddress address = event.getServer().address();
			if (address != null) {
				setPortProperty(this.applicationContext, portProperty(event.getServer().name()), address.getPort());
			}
		}

		private void setPortProperty(ApplicationContext context, String property, int port) {
			if (context instanceof ConfigurableApplicationContext configurableContext) {
				setPortProperty(configurableContext.getEnvironment(), property, port);
			}
			if (context.getParent() != null) {
				setPortProperty(context.getParent(), property, port);
			}
		}

		@SuppressWarnings("unchecked")
		private void setPortProperty(ConfigurableEnvironment environment, String property, int port) {
			MutablePropertySources sources = environment.getPropertySources();
			PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
			if (source == null) {
				source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
				sources.addFirst(source);
			}
			((Map<String, Object>) source.getSource()).put(property, port);
		}

	}

}
