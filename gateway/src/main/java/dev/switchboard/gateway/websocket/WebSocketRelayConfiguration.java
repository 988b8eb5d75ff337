package dev.switchboard.gateway.websocket;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.socket.server.WebSocketService;

/**
 * The WebSocket service Spring Cloud Gateway's routing filter uses: its own, wrapped so
 * that a service's refusal reaches the client as a close status.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketRelayConfiguration {

	@Bean
	@Primary
	RefusalClosingWebSocketService refusalClosingWebSocketService(
			@Qualifier("webSocketService") WebSocketService webSocketService) {
		return new RefusalClosingWebSocketService(webSocketService);
	}

}
