package dev.switchboard.contacts.contacts;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The contact changed between reading and writing it (a concurrent update): 409, so that
 * no write is silently lost.
 */
public class ContactChangedException extends ErrorResponseException {

	ContactChangedException(long id, Throwable cause) {
		super(HttpStatus.CONFLICT,
				ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
						"Contact " + id + " was changed by another request at the same time; read it again and retry."),
				cause);
	}

}
