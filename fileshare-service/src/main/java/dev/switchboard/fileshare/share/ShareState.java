package dev.switchboard.fileshare.share;

/**
 * Whether a share can still be downloaded.
 */
public enum ShareState {

	/** Downloads are left and the share has not expired. */
	AVAILABLE,

	/** Every allowed download has been made. */
	EXHAUSTED,

	/** The share is past its expiry time. */
	EXPIRED

}
