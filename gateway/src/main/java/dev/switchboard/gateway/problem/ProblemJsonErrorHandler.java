package dev.switchboard.gateway.problem;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every error of the gateway, its own (404, 405…) and its services' (down, slow,
 * broken), as RFC 9457 problem JSON, in place of Spring Boot's default error JSON. It is
 * also the fallback of the routes' circuit breakers.
 */
@Component
@Order(-2)
public class ProblemJsonErrorHandler implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemJsonErrorHandler.class);

	// Seconds a client should wait before trying a service that is down again
	private static final String RETRY_AFTER_SECONDS = "5";

	private final ServerResponse.Context context;

	public ProblemJsonErrorHandler(ServerCodecConfigurer codecs) {
		this.context = new WriterContext(codecs.getWriters());
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			// Headers already sent (a transfer broke mid-way): nothing left but to close
			return Mono.error(error);
		}
		ProblemDetail problem = GatewayProblems.of(exchange, error);
		log(exchange, error, problem);
		response.getHeaders().clear();
		ServerResponse.BodyBuilder builder = ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			builder.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		else if (problem.getStatus() == HttpStatus.REQUEST_TIMEOUT.value()) {
			// the rest of the request may still come: this connection cannot carry
			// another
			builder.header(HttpHeaders.CONNECTION, "close");
		}
		return builder.bodyValue(problem).flatMap((answer) -> answer.writeTo(exchange, this.context));
	}

	private void log(ServerWebExchange exchange, Throwable error, ProblemDetail problem) {
		if (problem.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			logger.error(exchange.getLogPrefix() + "Unexpected error on " + exchange.getRequest().getURI().getRawPath(),
					error);
		}
		else if (logger.isDebugEnabled()) {
			logger
				.debug(exchange.getLogPrefix() + problem.getStatus() + " " + problem.getDetail() + " (" + error + ")");
		}
	}

	private record WriterContext(List<HttpMessageWriter<?>> messageWriters) implements ServerResponse.Context {

		@Override
		public List<ViewResolver> viewResolvers() {
			return List.of();
		}

	}

}
