package dev.switchboard.fileshare.upload;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An upload over one of the size limits (413). The connection is closed after the answer,
 * so that the rest of a large body is not read for nothing.
 */
public class UploadTooLargeException extends ErrorResponseException {

	private final String limit;

	UploadTooLargeException(String limit, String detail) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(detail), null);
		this.limit = limit;
		getHeaders().set(HttpHeaders.CONNECTION, "close");
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, detail);
		problem.setTitle("Upload too large");
		return problem;
	}

	/**
	 * Return the limit the upload went past, as its property is named
	 * ({@code max-file-size}, {@code max-share-size} or {@code max-files}).
	 * @return the limit
	 */
	public String getLimit() {
		return this.limit;
	}

}
