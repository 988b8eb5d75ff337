package dev.switchboard.service.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import org.springframework.http.HttpStatus;

/**
 * Documents every error response as what the service really sends, RFC 9457 problem JSON,
 * with an example built from the response's description, so that controllers only state
 * the status and the reason: {@code @ApiResponse(responseCode = "404", description = "No
 * contact with this id")}. (Left alone, springdoc would document the operation's success
 * type for it.)
 */
public class ProblemResponsesCustomizer implements GlobalOpenApiCustomizer {

	static final String SCHEMA_NAME = "Problem";

	static final String MEDIA_TYPE = "application/problem+json";

	@Override
	public void customise(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		openApi.getComponents().addSchemas(SCHEMA_NAME, problemSchema());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths()
			.forEach((path, item) -> item.readOperations().forEach((operation) -> addProblemBodies(path, operation)));
	}

	private static void addProblemBodies(String path, Operation operation) {
		if (operation.getResponses() == null) {
			return;
		}
		operation.getResponses().forEach((code, response) -> {
			int status = parse(code);
			if (status >= 400 && (response.getContent() == null || !response.getContent().containsKey(MEDIA_TYPE))) {
				response.setContent(new Content().addMediaType(MEDIA_TYPE, problemMedia(status, path, response)));
			}
		});
	}

	private static MediaType problemMedia(int status, String path, ApiResponse response) {
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "about:blank");
		example.put("title", (known != null) ? known.getReasonPhrase() : "Error");
		example.put("status", status);
		example.put("detail", (response.getDescription() != null) ? response.getDescription() : "");
		example.put("instance", path);
		return new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA_NAME)).example(example);
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("An RFC 9457 problem detail")
			.addProperty("type", new StringSchema().format("uri").example("about:blank"))
			.addProperty("title", new StringSchema().example("Bad Request"))
			.addProperty("status", new IntegerSchema().example(400))
			.addProperty("detail", new StringSchema().example("Invalid 'n': must be less than or equal to 10000."))
			.addProperty("instance", new StringSchema().format("uri-reference").example("/api/random/int"));
	}

	private static int parse(String code) {
		try {
			return Integer.parseInt(code);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
