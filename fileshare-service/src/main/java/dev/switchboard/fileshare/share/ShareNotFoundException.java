package dev.switchboard.fileshare.share;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No share has this token (404): it never existed, was deleted, or was purged long ago.
 */
public class ShareNotFoundException extends ErrorResponseException {

	ShareNotFoundException() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No share has this token: it never existed, was deleted, or ended long ago."), null);
	}

}
