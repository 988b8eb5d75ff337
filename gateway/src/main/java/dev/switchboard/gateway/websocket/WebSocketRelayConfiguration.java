package dev.switchboard.gateway.websocket;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.socket.server.WebSocketService;

/**
 * The WebSocket service Spring Cloud Gateway's routing filter uses: its own, wrapped so
 * that a service's refusal, or a failed connection to it, reaches the client as a close
 * status that says so.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketRelayConfiguration {

	@Bean
	@Primary
	RefusalClosingWebSocketService refusalClosingWebSocketService(
			@Qualifier("webSocketService") WebSocketService webSocketService, MeterRegistry meters) {
		return new RefusalClosingWebSocketService(webSocketService, meters);
	}

}
