package dev.switchboard.messaging.websocket;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;

import dev.switchboard.service.problem.ProblemDetailWriter;

/**
 * Refused WebSocket handshakes answered with problem JSON, like every other error of the
 * service, instead of Spring's plain text or empty bodies.
 */
final class HandshakeProblems {

	private HandshakeProblems() {
	}

	static void write(ProblemDetailWriter problems, ServerHttpRequest request, ServerHttpResponse response,
			HttpStatus status, String detail) throws IOException {
		problems.write(request, response, ProblemDetail.forStatusAndDetail(status, detail));
	}

	/**
	 * Answers problem JSON when a request to the chat is not a WebSocket handshake.
	 */
	static final class HandshakeHandler extends DefaultHandshakeHandler {

		private static final String NOT_A_HANDSHAKE = "This is the WebSocket chat: connect with a WebSocket client "
				+ "(Upgrade: websocket), e.g. ws://localhost:8080/ws/chat, then send "
				+ "{\"type\":\"auth\",\"token\":\"<your token>\"}.";

		private final ProblemDetailWriter problems;

		HandshakeHandler(ProblemDetailWriter problems) {
			this.problems = problems;
		}

		@Override
		protected void handleInvalidUpgradeHeader(ServerHttpRequest request, ServerHttpResponse response)
				throws IOException {
			write(this.problems, request, response, HttpStatus.BAD_REQUEST, NOT_A_HANDSHAKE);
		}

		@Override
		protected void handleInvalidConnectHeader(ServerHttpRequest request, ServerHttpResponse response)
				throws IOException {
			write(this.problems, request, response, HttpStatus.BAD_REQUEST, NOT_A_HANDSHAKE);
		}

	}

	/**
	 * Answers 405 problem JSON (with {@code Allow: GET}) to any method but GET: a
	 * handshake is always a GET.
	 */
	static final class GetOnlyInterceptor implements HandshakeInterceptor {

		private final ProblemDetailWriter problems;

		GetOnlyInterceptor(ProblemDetailWriter problems) {
			this.problems = problems;
		}

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Map<String, Object> attributes) throws Exception {
			if (HttpMethod.GET.equals(request.getMethod())) {
				return true;
			}
			response.getHeaders().setAllow(Set.of(HttpMethod.GET));
			write(this.problems, request, response, HttpStatus.METHOD_NOT_ALLOWED,
					"The WebSocket chat opens with a GET handshake (Upgrade: websocket), not " + request.getMethod()
							+ ".");
			return false;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Exception exception) {
		}

	}

	/**
	 * Checks the {@code Origin} of browser pages against the allowed patterns, answering
	 * 403 problem JSON that names the setting to change.
	 */
	static final class OriginInterceptor extends OriginHandshakeInterceptor {

		private final ProblemDetailWriter problems;

		OriginInterceptor(Collection<String> allowedOriginPatterns, ProblemDetailWriter problems) {
			setAllowedOriginPatterns(allowedOriginPatterns);
			this.problems = problems;
		}

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Map<String, Object> attributes) throws Exception {
			if (super.beforeHandshake(request, response, handler, attributes)) {
				return true;
			}
			write(this.problems, request, response, HttpStatus.FORBIDDEN,
					"Pages from " + request.getHeaders().getOrigin() + " may not open the chat: add the origin to "
							+ "switchboard.messaging.websocket.allowed-origin-patterns "
							+ "(SWITCHBOARD_MESSAGING_ALLOWED_ORIGINS).");
			return false;
		}

	}

	/**
	 * Answers 503 problem JSON, with {@code Retry-After}, while the chat has as many
	 * WebSockets open as it takes: a client retries later instead of the service running
	 * out of memory.
	 */
	static final class CapacityInterceptor implements HandshakeInterceptor {

		/** Seconds a refused client is asked to wait. */
		static final int RETRY_AFTER_SECONDS = 10;

		private final BooleanSupplier full;

		private final int maxSessions;

		private final Runnable onRefused;

		private final ProblemDetailWriter problems;

		CapacityInterceptor(BooleanSupplier full, int maxSessions, Runnable onRefused, ProblemDetailWriter problems) {
			this.full = full;
			this.maxSessions = maxSessions;
			this.onRefused = onRefused;
			this.problems = problems;
		}

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Map<String, Object> attributes) throws Exception {
			if (!this.full.getAsBoolean()) {
				return true;
			}
			this.onRefused.run();
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
			write(this.problems, request, response, HttpStatus.SERVICE_UNAVAILABLE,
					"The chat is full: " + this.maxSessions + " WebSockets are open, the most this server takes "
							+ "(switchboard.messaging.websocket.max-sessions). Try again in " + RETRY_AFTER_SECONDS
							+ " s.");
			return false;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Exception exception) {
		}

	}

}
