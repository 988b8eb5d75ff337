package dev.switchboard.gateway.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;

import dev.switchboard.gateway.system.DownstreamHeadersFilter;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Passes the trace on to the service: every forwarded request (HTTP and WebSocket)
 * carries the gateway's server span as its W3C {@code traceparent}, replacing the
 * client's, so the service's spans are children of the gateway's. This does what Spring
 * Cloud Gateway's client observation would, without a second observation and span per
 * request (its metric would only repeat {@code spring.cloud.gateway.requests}).
 */
@Component
public class TraceContextHeadersFilter implements HttpHeadersFilter, Ordered {

	private final Propagator propagator;

	public TraceContextHeadersFilter(Propagator propagator) {
		this.propagator = propagator;
	}

	@Override
	public int getOrder() {
		// last, with DownstreamHeadersFilter: it changes the copy the filters before made
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		Span span = TraceId.span(exchange);
		if (span == null) {
			return input;
		}
		HttpHeaders headers = DownstreamHeadersFilter.writable(input, exchange);
		this.propagator.inject(span.context(), headers, HttpHeaders::set);
		return headers;
	}

}
