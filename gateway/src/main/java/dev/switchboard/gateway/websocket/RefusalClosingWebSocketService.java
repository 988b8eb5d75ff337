package dev.switchboard.gateway.websocket;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passes a failure of the service's side of a WebSocket on to the client as a close
 * status that says what happened. Spring Cloud Gateway upgrades the client's connection
 * before it opens its own to the service, and closes the client's with 1002 (protocol
 * error) when that fails, although the client broke no protocol.
 * <ul>
 * <li>The service answers its handshake with an error (messaging-service: 503 once the
 * chat is full): 1013 (try again later) for a 503, 1008 (policy violation) for a 4xx,
 * 1011 otherwise, with the service's status in the reason.</li>
 * <li>The connection to the service fails (not made, dropped before the service's answer
 * or later, reset; the gateway out of file descriptors): 1011 (server error) with the
 * cause in the reason, and a warning in the log.</li>
 * </ul>
 * Both are counted in {@value #METRIC} ({@code reason}: {@code refused},
 * {@code connection}). An error after the client's own connection closed is the client
 * leaving, and is neither.
 */
public final class RefusalClosingWebSocketService implements WebSocketService {

	static final String METRIC = "switchboard.gateway.websocket.relay.failures";

	private static final Log logger = LogFactory.getLog(RefusalClosingWebSocketService.class);

	/** What a close frame's reason may hold, in UTF-8 bytes (RFC 6455, 5.5). */
	private static final int MAX_REASON_BYTES = 123;

	private final WebSocketService delegate;

	private final Counter refusals;

	private final Counter connectionFailures;

	public RefusalClosingWebSocketService(WebSocketService delegate, MeterRegistry meters) {
		this.delegate = delegate;
		this.refusals = counter(meters, "refused");
		this.connectionFailures = counter(meters, "connection");
	}

	private static Counter counter(MeterRegistry meters, String reason) {
		return Counter.builder(METRIC)
			.description("Chat WebSockets the gateway closed because the service refused them or its connection failed")
			.tag("reason", reason)
			.register(meters);
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
				return handler.handle(session).onErrorResume((ex) -> closeAfter(session, ex));
			}

		});
	}

	private Mono<Void> closeAfter(WebSocketSession session, Throwable failure) {
		if (failure instanceof WebSocketClientHandshakeException refusal && refusal.response() != null) {
			this.refusals.increment();
			return session.close(closeStatus(refusal.response().status().code()));
		}
		if (!session.isOpen()) {
			return Mono.empty();
		}
		this.connectionFailures.increment();
		// the innermost cause says it best ("…(-24): Too many open files")
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String cause = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		logger.warn("Closed a WebSocket with 1011: the connection to the service failed (" + cause + ")");
		return session.close(CloseStatus.SERVER_ERROR
			.withReason(fitted("The gateway's connection to the service failed: " + cause)));
	}

	private static CloseStatus closeStatus(int status) {
		if (status == 503) {
			return CloseStatus.SERVICE_OVERLOAD.withReason("The service is full or unavailable (503): try again later");
		}
		if (status >= 400 && status < 500) {
			return CloseStatus.POLICY_VIOLATION.withReason("The service refused the WebSocket (" + status + ")");
		}
		return CloseStatus.SERVER_ERROR.withReason("The service could not open the WebSocket (" + status + ")");
	}

	/** The reason, cut to what a close frame holds. */
	private static String fitted(String reason) {
		String fitted = reason;
		while (fitted.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
			fitted = fitted.substring(0, fitted.length() - 1);
		}
		return fitted;
	}

}
