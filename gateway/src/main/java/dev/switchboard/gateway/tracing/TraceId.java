package dev.switchboard.gateway.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id of the request an exchange answers: the id of the gateway's server span,
 * which continues the client's {@code traceparent} or starts a new trace, and which the
 * gateway passes on to the service in its own {@code traceparent}.
 */
public final class TraceId {

	private TraceId() {
	}

	/**
	 * The exchange's trace id.
	 * @param exchange the exchange
	 * @return its trace id, or {@code null} when the request is not observed
	 */
	public static @Nullable String of(ServerWebExchange exchange) {
		Span span = span(exchange);
		return (span != null) ? span.context().traceId() : null;
	}

	/**
	 * The gateway's server span of an exchange.
	 * @param exchange the exchange
	 * @return its span, or {@code null} when the request is not observed
	 */
	static @Nullable Span span(ServerWebExchange exchange) {
		return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.map((context) -> context.<TracingContext>get(TracingContext.class))
			.map(TracingContext::getSpan)
			.orElse(null);
	}

}
