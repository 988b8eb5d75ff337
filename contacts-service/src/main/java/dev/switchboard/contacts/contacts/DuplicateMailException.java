package dev.switchboard.contacts.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Another contact already has this mail address: 409.
 */
public class DuplicateMailException extends ErrorResponseException {

	DuplicateMailException(String mail, Throwable cause) {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"A contact with mail " + mail + " already exists."), cause);
	}

}
