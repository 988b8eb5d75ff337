package dev.switchboard.random.echo;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the request echo saw of a request.
 *
 * @param method the HTTP method
 * @param path the path as received, still percent-encoded, without the query
 * @param query the query parameters, each with all its values in order
 * @param headers the request headers, each with all its values in order
 * @param body the parsed JSON, the form fields, the text, or {@code null} when empty
 * @param client the client's address and port, {@code ip:port}
 */
@Schema(description = "The request as the service received it")
record EchoedRequest(@Schema(example = "GET") String method, @Schema(example = "/api/echo/fake/url") String path,
		@Schema(example = "{\"a\": [\"1\"], \"b\": [\"coucou\"]}") Map<String, List<String>> query,
		@Schema(example = "{\"Host\": [\"localhost:8080\"], \"Accept\": [\"*/*\"]}") Map<String, List<String>> headers,
		@Schema(description = "Parsed JSON, form fields as a map of lists, text, or null when the body is empty",
				example = "{\"name\": \"Basile Marchand\"}") Object body,
		@Schema(example = "127.0.0.1:53422") String client) {

}
