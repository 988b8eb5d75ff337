package dev.switchboard.gateway.requestid;

import java.net.InetSocketAddress;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import dev.switchboard.gateway.problem.ProblemJsonErrorHandler;
import dev.switchboard.gateway.system.SwitchboardGatewayProperties;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request its {@code X-Request-Id} (returned to the client, passed on to the
 * service by the DownstreamHeadersFilter) and writes one access line per request once it
 * is answered, errors included.
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

	private static final Log accessLog = LogFactory.getLog("dev.switchboard.gateway.access");

	private final ProblemJsonErrorHandler errors;

	private final boolean accessLogEnabled;

	public RequestIdWebFilter(ProblemJsonErrorHandler errors, SwitchboardGatewayProperties properties) {
		this.errors = errors;
		this.accessLogEnabled = properties.accessLog();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		String requestId = RequestIds.accept(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
		RequestIds.set(exchange, requestId);
		ServerHttpResponse response = exchange.getResponse();
		response.beforeCommit(() -> {
			// set, not add: the service echoes the same id, the client gets it once
			response.getHeaders().set(RequestIds.HEADER, requestId);
			return Mono.empty();
		});
		// Errors are answered here, so that the access line shows the status the client
		// got
		Mono<Void> answered = chain.filter(exchange).onErrorResume((error) -> this.errors.handle(exchange, error));
		if (!this.accessLogEnabled) {
			return answered;
		}
		return answered.doFinally((signal) -> logAccess(exchange, requestId, start, signal));
	}

	private static int statusOf(ServerHttpRequest request, @Nullable HttpStatusCode status) {
		if (status != null) {
			return status.value();
		}
		// a WebSocket handshake the gateway accepted sets no status of its own
		return "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade()) ? 101 : 200;
	}

	private void logAccess(ServerWebExchange exchange, String requestId, long start, SignalType signal) {
		if (!accessLog.isInfoEnabled()) {
			return;
		}
		long micros = (System.nanoTime() - start) / 1000;
		ServerHttpRequest request = exchange.getRequest();
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		StringBuilder line = new StringBuilder(160).append(request.getMethod().name())
			.append(' ')
			.append(request.getURI().getRawPath())
			.append(" status=")
			.append(statusOf(request, status))
			.append(" duration=")
			.append(micros / 1000)
			.append('.')
			.append((micros / 100) % 10)
			.append("ms requestId=")
			.append(requestId)
			.append(" client=");
		InetSocketAddress client = request.getRemoteAddress();
		if (client != null) {
			line.append(client.getHostString()).append(':').append(client.getPort());
		}
		if (signal == SignalType.CANCEL) {
			line.append(" cancelled=true");
		}
		accessLog.info(line);
	}

}
