package dev.switchboard.service.problem;

import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Renders the errors the servlet container reports itself (before or outside any
 * controller) as problem JSON, where Spring Boot's default would answer its own JSON or a
 * whitelabel page. A failure caused by a lost database connection is a 503, as in
 * {@link StorageUnavailableExceptionHandler}.
 */
@Hidden
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

	private final ErrorAttributes errorAttributes;

	public ProblemErrorController(ErrorAttributes errorAttributes) {
		this.errorAttributes = errorAttributes;
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
				&& StorageFailures.isUnavailable(failure)) {
			// the storage went away under a filter (e.g. token authentication), before
			// any controller
			ResponseEntity<ProblemDetail> unavailable = StorageFailures.unavailable();
			if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
				unavailable.getBody().setInstance(UriComponentsBuilder.fromPath(path).build().encode().toUri());
			}
			return unavailable;
		}
		HttpStatus status = status(request);
		Map<String, Object> attributes = this.errorAttributes.getErrorAttributes(new ServletWebRequest(request),
				ErrorAttributeOptions.of(ErrorAttributeOptions.Include.PATH));
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail(status));
		if (attributes.get("path") instanceof String path) {
			body.setInstance(UriComponentsBuilder.fromPath(path).build().encode().toUri());
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	private static String detail(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "No resource at this path.";
			case METHOD_NOT_ALLOWED -> "This method is not allowed on this path.";
			case BAD_REQUEST -> "The request could not be understood.";
			case PAYLOAD_TOO_LARGE -> "The request is larger than this service accepts.";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are larger than this service accepts.";
			case INTERNAL_SERVER_ERROR -> "An unexpected error occurred; it has been logged.";
			default -> status.getReasonPhrase() + ".";
		};
	}

}
