package dev.switchboard.service.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds the request's trace id to every problem JSON a service answers, as the
 * {@value #PROPERTY} member beside {@code requestId}: a user who reports an error hands
 * over the id that finds its whole trace, gateway, service and SQL.
 * <p>
 * The id is the current span's; an error answered by the error controller (after the
 * request's own observation has ended) takes it from the observation the request carries.
 */
@RestControllerAdvice
public class TraceIdProblemAdvice implements ResponseBodyAdvice<Object> {

	/**
	 * The problem member that holds the trace id.
	 */
	public static final String PROPERTY = "traceId";

	private final Tracer tracer;

	public TraceIdProblemAdvice(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public @Nullable Object beforeBodyWrite(@Nullable Object body, MethodParameter returnType,
			MediaType selectedContentType, Class<? extends HttpMessageConverter<?>> selectedConverterType,
			ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem
				&& (problem.getProperties() == null || !problem.getProperties().containsKey(PROPERTY))) {
			String traceId = traceId(request);
			if (traceId != null) {
				problem.setProperty(PROPERTY, traceId);
			}
		}
		return body;
	}

	private @Nullable String traceId(ServerHttpRequest request) {
		Span current = this.tracer.currentSpan();
		if (current != null) {
			return current.context().traceId();
		}
		if (request instanceof ServletServerHttpRequest servlet) {
			return observedTraceId(servlet.getServletRequest());
		}
		return null;
	}

	private static @Nullable String observedTraceId(HttpServletRequest request) {
		return ServerHttpObservationFilter.findObservationContext(request)
			.map((context) -> context.<TracingContext>get(TracingContext.class))
			.map(TracingContext::getSpan)
			.map((span) -> span.context().traceId())
			.orElse(null);
	}

}
