package dev.switchboard.gateway.accesslog;

import java.net.InetSocketAddress;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import dev.switchboard.gateway.requestid.RequestId;
import dev.switchboard.gateway.tracing.TraceId;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Writes one access line per request (logger {@value #LOGGER}) once it is answered:
 * method, path, the status the client got (errors included: the problem answers are
 * written further in, by {@code ErrorBoundaryWebFilter}), duration, request id, trace id,
 * client address, and whether the client gave up first. It runs right after the request
 * id ({@code EdgeWebFilters}), unless {@code switchboard.gateway.access-log} is off.
 */
public class AccessLogWebFilter implements WebFilter {

	static final String LOGGER = "dev.switchboard.gateway.access";

	private static final Log accessLog = LogFactory.getLog(LOGGER);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long start = System.nanoTime();
		return chain.filter(exchange).doFinally((signal) -> log(exchange, start, signal));
	}

	private static void log(ServerWebExchange exchange, long start, SignalType signal) {
		if (!accessLog.isInfoEnabled()) {
			return;
		}
		long micros = (System.nanoTime() - start) / 1000;
		ServerHttpRequest request = exchange.getRequest();
		StringBuilder line = new StringBuilder(160).append(request.getMethod().name())
			.append(' ')
			.append(request.getURI().getRawPath())
			.append(" status=")
			.append(status(request, exchange.getResponse().getStatusCode()))
			.append(" duration=")
			.append(micros / 1000)
			.append('.')
			.append((micros / 100) % 10)
			.append("ms requestId=")
			.append(RequestId.of(exchange));
		String traceId = TraceId.of(exchange);
		if (traceId != null) {
			line.append(" traceId=").append(traceId);
		}
		line.append(" client=");
		InetSocketAddress client = request.getRemoteAddress();
		if (client != null) {
			line.append(client.getHostString()).append(':').append(client.getPort());
		}
		if (signal == SignalType.CANCEL) {
			line.append(" cancelled=true");
		}
		accessLog.info(line);
	}

	private static int status(ServerHttpRequest request, @Nullable HttpStatusCode status) {
		if (status != null) {
			return status.value();
		}
		// a WebSocket handshake the gateway accepted sets no status of its own
		return "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade()) ? 101 : 200;
	}

}
