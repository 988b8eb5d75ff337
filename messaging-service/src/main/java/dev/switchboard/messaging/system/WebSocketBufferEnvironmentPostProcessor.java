package dev.switchboard.messaging.system;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Hands {@code switchboard.messaging.websocket.io-buffer-size} to Tomcat's WebSocket
 * implementation, which reads its per-connection buffer size once, from a system
 * property, when its classes load: so before the web server starts. A system property the
 * JVM was started with wins.
 */
public class WebSocketBufferEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** Tomcat's system property for the size of its WebSocket buffers. */
	static final String TOMCAT_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (System.getProperty(TOMCAT_BUFFER_SIZE) != null) {
			return;
		}
		MessagingProperties.WebSocket settings = Binder.get(environment)
			.bindOrCreate("switchboard.messaging.websocket", MessagingProperties.WebSocket.class);
		System.setProperty(TOMCAT_BUFFER_SIZE, Long.toString(settings.ioBufferSize().toBytes()));
	}

}
