package dev.switchboard.fileshare.share;

/**
 * A request the share's token does not allow (the course's "Not allowed"): a download
 * under another name than the share's, or a delete without the right delete token.
 */
public class NotAllowedException extends RuntimeException {

	public NotAllowedException(String detail) {
		super(detail);
	}

}
