package dev.switchboard.fileshare.download;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A {@code Range} outside the file (416), answered with the file's size in
 * {@code Content-Range: bytes *}{@code /size}.
 */
public class UnsatisfiableRangeException extends ErrorResponseException {

	UnsatisfiableRangeException(long size) {
		super(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
				ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
						"The requested range lies outside the file, which has " + size + " bytes."),
				null);
		getHeaders().set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
	}

}
