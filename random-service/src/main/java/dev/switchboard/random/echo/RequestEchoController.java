package dev.switchboard.random.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP request echo (the course's {@code EchoHttpHandler}, httpbin-style): any method
 * on {@code /api/echo/**} answers what the service received.
 */
@RestController
@Tag(name = "echo", description = "Answers the request it received, for learning and debugging HTTP clients")
class RequestEchoController {

	private final RequestBodyParser bodies;

	RequestEchoController(JsonMapper json, RequestEchoProperties properties, Environment environment) {
		this.bodies = new RequestBodyParser(json, properties.orDeprecated(environment).maxBodySize());
	}

	@RequestMapping(path = "/api/echo/{path}",
			method = { RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
					RequestMethod.DELETE, RequestMethod.OPTIONS })
	@Operation(summary = "Echo the request: method, path, query, headers, body and client",
			description = "Any path under /api/echo and any method (HEAD answers the GET headers). The body is "
					+ "parsed JSON for a JSON Content-Type (invalid JSON: 400), form fields for "
					+ "application/x-www-form-urlencoded, text otherwise, null when empty; at most "
					+ "switchboard.random.request-echo.max-body-size (default 1MB, else 413). client is ip:port of the TCP "
					+ "peer; through the gateway it is the caller's IP from X-Forwarded-For (the service trusts "
					+ "forwarded headers, which it then hides from headers) with the port of the gateway's "
					+ "connection.",
			parameters = @Parameter(name = "a", in = ParameterIn.QUERY, description = "Any query parameter",
					example = "1"))
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = {
			@Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"list\": [1, 2, 3, true]}")),
			@Content(mediaType = "application/x-www-form-urlencoded",
					schema = @Schema(type = "object", example = "{\"name\": \"Basile Marchand\"}")),
			@Content(mediaType = "text/plain", examples = @ExampleObject(value = "Hello server")) })
	@ApiResponse(responseCode = "200", description = "The request as received",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = EchoedRequest.class),
					examples = @ExampleObject(value = """
							{"method": "GET", "path": "/api/echo/fake/url", "query": {"a": ["1"], "b": ["coucou"]},
							 "headers": {"Host": ["localhost:8080"], "Accept": ["*/*"]}, "body": null,
							 "client": "127.0.0.1:53422"}""")))
	@ApiResponse(responseCode = "400", description = "The body is not valid JSON although its Content-Type is JSON")
	@ApiResponse(responseCode = "413", description = "The request body is larger than the echo reads")
	EchoedRequest echo(@Parameter(description = "Any path: /api/echo and /api/echo/fake/url work too",
			example = "fake") @PathVariable String path, HttpServletRequest request) throws IOException {
		return echoAnyPath(request);
	}

	// /api/echo itself and deeper paths: the same answer. The document shows the
	// one-segment form, which Swagger UI can try out.
	@Hidden
	@RequestMapping(path = { "/api/echo", "/api/echo/**" }, method = { RequestMethod.GET, RequestMethod.POST,
			RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE, RequestMethod.OPTIONS })
	EchoedRequest echoAnyPath(HttpServletRequest request) throws IOException {
		Object body = this.bodies.parse(request);
		return new EchoedRequest(request.getMethod(), request.getRequestURI(),
				QueryStrings.parse(request.getQueryString(), StandardCharsets.UTF_8), headers(request), body,
				client(request));
	}

	private static Map<String, List<String>> headers(HttpServletRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.computeIfAbsent(name, (key) -> new ArrayList<>())
				.addAll(Collections.list(request.getHeaders(name)));
		}
		return headers;
	}

	private static String client(HttpServletRequest request) {
		String address = request.getRemoteAddr();
		return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + request.getRemotePort();
	}

}
