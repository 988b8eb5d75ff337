package dev.switchboard.gateway.problem;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The gateway's error boundary: whatever fails further in (a route, a service, the
 * gateway's own pages) is answered here as problem JSON by
 * {@link ProblemJsonErrorHandler}, inside the access log ({@code EdgeWebFilters}), so
 * that its line shows the status the client got. Spring's own error handling would answer
 * the same errors, but only once the filters, the access log among them, are done.
 */
public class ErrorBoundaryWebFilter implements WebFilter {

	private final ProblemJsonErrorHandler errors;

	public ErrorBoundaryWebFilter(ProblemJsonErrorHandler errors) {
		this.errors = errors;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).onErrorResume((error) -> this.errors.handle(exchange, error));
	}

}
