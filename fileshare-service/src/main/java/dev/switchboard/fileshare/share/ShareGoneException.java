package dev.switchboard.fileshare.share;

/**
 * The share existed but can no longer be downloaded: it expired or has no downloads left.
 */
public class ShareGoneException extends RuntimeException {

	public ShareGoneException(ShareState state) {
		super(detail(state));
	}

	private static String detail(ShareState state) {
		return switch (state) {
			case EXPIRED -> "This share has expired; its files are no longer available.";
			case EXHAUSTED, AVAILABLE -> "This share has no downloads left; its files are no longer available.";
		};
	}

}
