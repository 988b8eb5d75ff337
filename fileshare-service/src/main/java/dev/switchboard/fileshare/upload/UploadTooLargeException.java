package dev.switchboard.fileshare.upload;

/**
 * An upload over one of the size limits. The connection is closed after the answer, so
 * that the rest of a large body is not read for nothing.
 */
public class UploadTooLargeException extends RuntimeException {

	private final String limit;

	UploadTooLargeException(String limit, String detail) {
		super(detail);
		this.limit = limit;
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
