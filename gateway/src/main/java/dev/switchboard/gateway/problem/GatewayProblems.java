package dev.switchboard.gateway.problem;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.PrematureCloseException;

import dev.switchboard.gateway.readtimeout.IncompleteRequestException;
import dev.switchboard.gateway.readtimeout.RequestReadTimeoutException;
import dev.switchboard.gateway.requestid.RequestId;
import dev.switchboard.gateway.tracing.TraceId;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns whatever went wrong while answering a request (a service down or slow, a path
 * nobody serves, a method not allowed…) into the problem a client reads: a status and a
 * human sentence naming the service when one is involved.
 */
final class GatewayProblems {

	private GatewayProblems() {
	}

	static ProblemDetail of(ServerWebExchange exchange, Throwable error) {
		ServerHttpRequest request = exchange.getRequest();
		String service = service(exchange);
		ProblemDetail problem = problem(request, service, error);
		problem.setInstance(instance(request));
		if (service != null && problem.getStatus() >= 500) {
			problem.setProperty("service", service);
		}
		String requestId = RequestId.of(exchange);
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		String traceId = TraceId.of(exchange);
		if (traceId != null) {
			problem.setProperty("traceId", traceId);
		}
		return problem;
	}

	private static @Nullable URI instance(ServerHttpRequest request) {
		try {
			return URI.create(request.getURI().getRawPath());
		}
		catch (IllegalArgumentException ex) {
			// not a valid URI path as sent: leave the problem without an instance
			return null;
		}
	}

	/**
	 * The metadata key of a route that names the service behind it, as
	 * {@code metadata: service: contacts-service} in the route's definition.
	 */
	static final String SERVICE_METADATA = "service";

	/**
	 * The service behind the route that answered, as its definition names it
	 * ({@value #SERVICE_METADATA} metadata); {@code null} for a route that calls no
	 * service.
	 */
	static @Nullable String service(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !(route.getMetadata().get(SERVICE_METADATA) instanceof String service)) {
			return null;
		}
		return service;
	}

	private static ProblemDetail problem(ServerHttpRequest request, @Nullable String service, Throwable error) {
		String name = (service != null) ? service : "The service";
		IncompleteRequestException incomplete = find(error, IncompleteRequestException.class);
		if (incomplete != null) {
			HttpStatus status = (incomplete instanceof RequestReadTimeoutException) ? HttpStatus.REQUEST_TIMEOUT
					: HttpStatus.BAD_REQUEST;
			return detail(status, String.valueOf(incomplete.getMessage()));
		}
		if (causedBy(error, CallNotPermittedException.class) || causedBy(error, ServiceUnavailableException.class)) {
			return detail(HttpStatus.SERVICE_UNAVAILABLE,
					name + " is unavailable: it failed repeatedly, so the gateway stops calling it for a few seconds.");
		}
		if (causedBy(error, ConnectTimeoutException.class)) {
			return detail(HttpStatus.SERVICE_UNAVAILABLE, name + " is unavailable: it did not accept a connection.");
		}
		if (causedBy(error, ConnectException.class)) {
			return detail(HttpStatus.SERVICE_UNAVAILABLE, name + " is unavailable: connection refused.");
		}
		if (causedBy(error, UnknownHostException.class)) {
			return detail(HttpStatus.SERVICE_UNAVAILABLE, name + " is unavailable: its host name does not resolve.");
		}
		if (causedBy(error, PrematureCloseException.class)) {
			return detail(HttpStatus.BAD_GATEWAY, name + " closed the connection before answering.");
		}
		if (causedBy(error, TimeoutException.class)) {
			return detail(HttpStatus.GATEWAY_TIMEOUT, name + " did not answer in time.");
		}
		if (error instanceof ErrorResponse response) {
			return fromStatus(request, service, response);
		}
		if (service != null) {
			return detail(HttpStatus.BAD_GATEWAY, "The gateway could not get an answer from " + service + ".");
		}
		return detail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred in the gateway; it has been logged.");
	}

	private static ProblemDetail fromStatus(ServerHttpRequest request, @Nullable String service, ErrorResponse error) {
		HttpStatusCode status = error.getStatusCode();
		String path = request.getURI().getRawPath();
		String detail = switch (status.value()) {
			case 404 -> "Nothing at " + path + ": no service or page of the gateway has this path.";
			case 405 -> "The method " + request.getMethod().name() + " is not allowed on " + path + ".";
			case 413 -> "The request is larger than the gateway accepts.";
			case 502 -> "The gateway could not get an answer from " + nameOf(service) + ".";
			case 503 -> nameOf(service) + " is unavailable.";
			case 504 -> nameOf(service) + " did not answer in time.";
			default -> defaultDetail(status, error);
		};
		return detail(status, detail);
	}

	private static String defaultDetail(HttpStatusCode status, ErrorResponse error) {
		String detail = error.getBody().getDetail();
		if (detail != null && !detail.isBlank()) {
			return detail;
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return ((known != null) ? known.getReasonPhrase() : "Error " + status.value()) + ".";
	}

	private static String nameOf(@Nullable String service) {
		return (service != null) ? service : "The service";
	}

	private static ProblemDetail detail(HttpStatusCode status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
		return find(error, type) != null;
	}

	private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
