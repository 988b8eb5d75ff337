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
 * forged. The gateway is the edge: Spring Cloud Gateway's X-Forwarded filter writes
 * X-Forwarded-For/Host/Proto/Port from the connection it sees.
 * <p>
 * It runs after Spring Cloud Gateway's own header filters, each of which hands on a copy
 * of the headers it made, and changes that copy in place ({@link #writable}): a request's
 * headers are copied once less per filter of the gateway's.
 */
@Component
public class DownstreamHeadersFilter implements HttpHeadersFilter, Ordered {

	// A client's RFC 7239 header would win over the X-Forwarded-* headers in the
	// services,
	// and these two are never written by the gateway
	private static final List<String> CLIENT_FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-Prefix",
			"X-Forwarded-Ssl");

	/**
	 * Last, after Spring Cloud Gateway's filters (the last of which is ordered one
	 * before).
	 */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		HttpHeaders headers = writable(input, exchange);
		CLIENT_FORWARDING_HEADERS.forEach(headers::remove);
		String requestId = RequestId.of(exchange);
		if (requestId != null) {
			headers.set(RequestIds.HEADER, requestId);
		}
		return headers;
	}

	/**
	 * Headers a request header filter may change in place: those it was given when an
	 * earlier filter made them (Spring Cloud Gateway's filters each return a new copy, or
	 * what they were given), else a copy of the request's own, which are read-only.
	 * @param input the headers the filter was given
	 * @param exchange the exchange
	 * @return headers the filter may change
	 */
	public static HttpHeaders writable(HttpHeaders input, ServerWebExchange exchange) {
		return (input == exchange.getRequest().getHeaders()) ? HttpHeaders.copyOf(input) : input;
	}

}
