package dev.switchboard.fileshare.upload;

import java.util.List;

import dev.switchboard.service.problem.ProblemDetailsExceptionHandler.InvalidField;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An upload the service refuses as malformed or unsafe (400): a bad file name, a bad
 * option, a broken multipart body.
 */
public class InvalidUploadException extends ErrorResponseException {

	InvalidUploadException(String detail) {
		super(HttpStatus.BAD_REQUEST, problem(detail), null);
	}

	InvalidUploadException(String name, String message) {
		this("Invalid '%s': %s.".formatted(name, message));
		getBody().setTitle("Invalid request content");
		getBody().setProperty("errors", List.of(new InvalidField(name, message)));
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid upload");
		return problem;
	}

}
