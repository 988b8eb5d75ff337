package dev.switchboard.fileshare.share;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The share existed but can no longer be downloaded (410): it expired or has no downloads
 * left.
 */
public class ShareGoneException extends ErrorResponseException {

	public ShareGoneException(ShareState state) {
		super(HttpStatus.GONE, ProblemDetail.forStatusAndDetail(HttpStatus.GONE, detail(state)), null);
	}

	private static String detail(ShareState state) {
		return switch (state) {
			case EXPIRED -> "This share has expired; its files are no longer available.";
			case EXHAUSTED, AVAILABLE -> "This share has no downloads left; its files are no longer available.";
		};
	}

}
