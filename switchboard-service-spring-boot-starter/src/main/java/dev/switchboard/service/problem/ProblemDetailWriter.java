package dev.switchboard.service.problem;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Writes a {@link ProblemDetail} as RFC 9457 problem JSON where no controller answers, so
 * that it reads exactly like the problems Spring MVC renders: servlet filters, security
 * entry points and access-denied handlers, WebSocket handshake refusals.
 * <p>
 * The problem's status becomes the response's; its {@code instance} defaults to the
 * request's path; its properties are top-level members, as Spring MVC renders them.
 * Headers (such as {@code Retry-After} or {@code WWW-Authenticate}) are the caller's to
 * set before writing. Auto-configured as a bean in every servlet service.
 */
public final class ProblemDetailWriter {

	private final JsonMapper json;

	/**
	 * Create a writer that serializes with the application's mapper.
	 * @param json the mapper
	 */
	public ProblemDetailWriter(JsonMapper json) {
		this.json = json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
	}

	/**
	 * Answer a servlet request with a problem.
	 * @param request the request
	 * @param response the response, not committed yet
	 * @param problem the problem, whose status the response takes
	 * @throws IOException when the response cannot be written
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		write(new ServletServerHttpRequest(request), new ServletServerHttpResponse(response), problem);
	}

	/**
	 * Answer a request with a problem, as a WebSocket {@code HandshakeInterceptor} or
	 * {@code HandshakeHandler} does.
	 * @param request the request
	 * @param response the response, not committed yet
	 * @param problem the problem, whose status the response takes
	 * @throws IOException when the response cannot be written
	 */
	public void write(ServerHttpRequest request, ServerHttpResponse response, ProblemDetail problem)
			throws IOException {
		if (problem.getInstance() == null) {
			problem.setInstance(instance(request.getURI()));
		}
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getBody().write(this.json.writeValueAsBytes(problem));
		response.flush();
	}

	private static URI instance(URI uri) {
		return UriComponentsBuilder.fromPath(uri.getRawPath()).build(true).toUri();
	}

}
