package dev.switchboard.gateway.websocket;

import java.util.List;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passes a service's refusal of a WebSocket on to the client as a close status. Spring
 * Cloud Gateway upgrades the client's connection before it opens its own to the service,
 * so when the service then answers its handshake with an error (messaging-service: 503
 * once the chat is full) the client would only see 1002, protocol error. Here it gets
 * 1013 (try again later) for a 503, 1008 (policy violation) for a 4xx, 1011 otherwise,
 * with the service's status in the reason.
 */
public final class RefusalClosingWebSocketService implements WebSocketService {

	private final WebSocketService delegate;

	public RefusalClosingWebSocketService(WebSocketService delegate) {
		this.delegate = delegate;
	}

	@Override
	public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
		return this.delegate.handleRequest(exchange, new WebSocketHandler() {

			@Override
			public List<String> getSubProtocols() {
				return handler.getSubProtocols();
			}

			@Override
			public Mono<Void> handle(WebSocketSession session) {
				return handler.handle(session)
					.onErrorResume(WebSocketClientHandshakeException.class, (ex) -> session.close(closeStatus(ex)));
			}

		});
	}

	private static CloseStatus closeStatus(WebSocketClientHandshakeException refusal) {
		int status = (refusal.response() != null) ? refusal.response().status().code() : 0;
		if (status == 503) {
			return CloseStatus.SERVICE_OVERLOAD.withReason("The service is full or unavailable (503): try again later");
		}
		if (status >= 400 && status < 500) {
			return CloseStatus.POLICY_VIOLATION.withReason("The service refused the WebSocket (" + status + ")");
		}
		return CloseStatus.SERVER_ERROR.withReason("The service could not open the WebSocket (" + status + ")");
	}

}
