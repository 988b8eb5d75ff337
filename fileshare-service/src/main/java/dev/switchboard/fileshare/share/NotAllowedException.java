package dev.switchboard.fileshare.share;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request the share's token does not allow (403, the course's "Not allowed"): a
 * download under another name than the share's, or a delete without the right delete
 * token.
 */
public class NotAllowedException extends ErrorResponseException {

	public NotAllowedException(String detail) {
		super(HttpStatus.FORBIDDEN, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
		problem.setTitle("Not allowed");
		return problem;
	}

}
