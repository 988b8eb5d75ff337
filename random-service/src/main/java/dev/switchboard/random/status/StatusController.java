package dev.switchboard.random.status;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.service.problem.InvalidParameterException;

/**
 * Answers any status code a client asks for, for teaching: 2xx and 3xx with a small JSON
 * body, 4xx and 5xx with problem JSON like every other error of the suite, 204, 205 and
 * 304 with no body at all.
 */
@RestController
@Tag(name = "status", description = "Answers the status code you ask for")
class StatusController {

	@RequestMapping(path = "/api/status/{code}",
			method = { RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
					RequestMethod.DELETE })
	@Operation(summary = "Answer with the given status code (418 included)",
			description = "200-599. 204, 205 and 304 have no body; other 2xx and 3xx answer {\"code\", \"reason\"} "
					+ "(3xx without Location, so clients do not follow them); 4xx and 5xx answer problem JSON. "
					+ "401 carries WWW-Authenticate: Bearer, as HTTP requires. GET, HEAD, POST, PUT, PATCH, DELETE.")
	@ApiResponse(responseCode = "200", description = "The code asked for, when 2xx or 3xx",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = StatusBody.class),
					examples = @ExampleObject(value = "{\"code\": 200, \"reason\": \"OK\"}")))
	@ApiResponse(responseCode = "204", description = "No Content (also 205 and 304), no body")
	@ApiResponse(responseCode = "400", description = "Invalid 'code': must be a number between 200 and 599.")
	@ApiResponse(responseCode = "418", description = "You asked for status 418 (I'm a teapot).")
	ResponseEntity<?> status(
			@Parameter(description = "The status code, 200 to 599", example = "418",
					schema = @Schema(type = "integer", minimum = "200", maximum = "599")) @PathVariable String code,
			HttpServletRequest request) {
		HttpStatusCode status = HttpStatusCode.valueOf(parse(code));
		String reason = reason(status);
		if (status.value() == 204 || status.value() == 205 || status.value() == 304) {
			return ResponseEntity.status(status).build();
		}
		if (status.isError()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
					"You asked for status " + status.value() + " (" + reason + ").");
			problem.setTitle(reason);
			problem.setInstance(URI.create(request.getRequestURI()));
			ResponseEntity.BodyBuilder response = ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
			if (status.value() == 401) {
				response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			}
			return response.body(problem);
		}
		return ResponseEntity.status(status).body(new StatusBody(status.value(), reason));
	}

	private static int parse(String code) {
		try {
			int value = Integer.parseInt(code);
			if (value >= 200 && value <= 599) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below, with the same message as a number out of range
		}
		throw new InvalidParameterException("code", "must be a number between 200 and 599, got '"
				+ ((code.length() <= 20) ? code : code.substring(0, 20) + "…") + "'");
	}

	private static String reason(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "Unassigned";
	}

	/**
	 * The body of a 2xx or 3xx answer.
	 *
	 * @param code the status code
	 * @param reason its reason phrase
	 */
	record StatusBody(@Schema(example = "200") int code, @Schema(example = "OK") String reason) {

	}

}
