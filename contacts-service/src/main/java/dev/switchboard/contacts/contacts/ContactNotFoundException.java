package dev.switchboard.contacts.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No contact has the id asked for: 404.
 */
public class ContactNotFoundException extends ErrorResponseException {

	ContactNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No contact with id " + id + "."), null);
	}

}
