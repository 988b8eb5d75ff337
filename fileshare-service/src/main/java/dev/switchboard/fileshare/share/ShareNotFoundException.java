package dev.switchboard.fileshare.share;

/**
 * No share has this token: it never existed, was deleted, or was purged long ago.
 */
public class ShareNotFoundException extends RuntimeException {

	ShareNotFoundException() {
		super("No share has this token: it never existed, was deleted, or ended long ago.");
	}

}
