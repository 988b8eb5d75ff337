package dev.switchboard.gateway.system;

import java.util.List;

import dev.switchboard.gateway.requestid.RequestId;
import dev.switchboard.requestid.RequestIds;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sets the headers of every request the gateway forwards to a service (HTTP and
 * WebSocket): the request id, and none of the forwarding headers a client may have
 * forged. The gateway is the edge: Spring Cloud Gateway's X-Forwarded filter, which runs
 * next, then writes X-Forwarded-For/Host/Proto/Port from the connection it sees.
 */
@Component
public class DownstreamHeadersFilter implements HttpHeadersFilter, Ordered {

	// A client's RFC 7239 header would win over the X-Forwarded-* headers in the
	// services,
	// and these two are never written by the gateway
	private static final List<String> CLIENT_FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-Prefix",
			"X-Forwarded-Ssl");

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = HttpHeaders.copyOf(input);
		CLIENT_FORWARDING_HEADERS.forEach(headers::remove);
		String requestId = RequestId.of(exchange);
		if (requestId != null) {
			headers.set(RequestIds.HEADER, requestId);
		}
		return headers;
	}

}
