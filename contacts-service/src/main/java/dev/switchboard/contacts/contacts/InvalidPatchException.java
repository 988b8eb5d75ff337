package dev.switchboard.contacts.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A partial update that names an unknown field or gives a field a value of the wrong
 * type: 400.
 */
public class InvalidPatchException extends ErrorResponseException {

	InvalidPatchException(String detail) {
		super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
	}

}
