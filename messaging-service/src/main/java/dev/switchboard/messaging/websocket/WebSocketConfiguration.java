package dev.switchboard.messaging.websocket;

import java.util.List;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import dev.switchboard.messaging.system.MessagingProperties;
import dev.switchboard.service.problem.ProblemDetailWriter;

/**
 * Registers the chat at {@code /ws/chat} with the allowed origins, and sets the
 * container's buffers on purpose: each open socket holds them, so they are small
 * ({@code frame-buffer-size}, {@code io-buffer-size}); a larger frame arrives in parts,
 * which the handler assembles and checks against {@code max-frame-size} itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableScheduling
class WebSocketConfiguration implements WebSocketConfigurer {

	/** Where the chat listens, through the gateway too. */
	static final String PATH = "/ws/chat";

	private final ChatWebSocketHandler handler;

	private final MessagingProperties.WebSocket settings;

	private final WebSocketRefusals refusals;

	private final ProblemDetailWriter problems;

	WebSocketConfiguration(ChatWebSocketHandler handler, MessagingProperties properties, WebSocketRefusals refusals,
			ProblemDetailWriter problems) {
		this.handler = handler;
		this.settings = properties.websocket();
		this.refusals = refusals;
		this.problems = problems;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		List<String> origins = this.settings.allowedOriginPatterns();
		// our origin check answers problem JSON; Spring's own check, always added, then
		// agrees with it
		registry.addHandler(this.handler, PATH)
			.setHandshakeHandler(new HandshakeProblems.HandshakeHandler(this.problems))
			.addInterceptors(new HandshakeProblems.GetOnlyInterceptor(this.problems),
					new HandshakeProblems.OriginInterceptor(origins, this.problems),
					new HandshakeProblems.CapacityInterceptor(this.handler::isFull, this.settings.maxSessions(),
							this.refusals::chatFull, this.problems))
			.setAllowedOriginPatterns(origins.toArray(String[]::new));
	}

	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		int bufferSize = (int) this.settings.frameBufferSize().toBytes();
		container.setMaxTextMessageBufferSize(bufferSize);
		container.setMaxBinaryMessageBufferSize(bufferSize);
		container.setAsyncSendTimeout(this.settings.sendTimeLimit().toMillis());
		return container;
	}

	/**
	 * The connector's socket buffers, sized like the WebSocket ones: they are held for as
	 * long as a chat socket is open.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> socketBuffers() {
		String size = Long.toString(this.settings.ioBufferSize().toBytes());
		return (factory) -> factory.addConnectorCustomizers((connector) -> {
			connector.setProperty("socket.appReadBufSize", size);
			connector.setProperty("socket.appWriteBufSize", size);
		});
	}

}
