package dev.switchboard.fileshare.upload;

import dev.switchboard.fileshare.storage.RefusedUploadException;

/**
 * An upload over one of the size limits: {@code max-file-size}, {@code max-share-size} or
 * {@code max-files}.
 */
public class UploadTooLargeException extends RefusedUploadException {

	UploadTooLargeException(String limit, String detail) {
		super(limit, detail);
	}

}
