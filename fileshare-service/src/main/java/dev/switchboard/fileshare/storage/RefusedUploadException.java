package dev.switchboard.fileshare.storage;

/**
 * An upload refused for its size or for lack of room, counted under the limit it went
 * past. Nothing of the upload is kept, and the connection is closed after the answer, so
 * that the rest of the body is not read for nothing.
 */
public abstract class RefusedUploadException extends RuntimeException {

	private final String limit;

	protected RefusedUploadException(String limit, String detail) {
		super(detail);
		this.limit = limit;
	}

	/**
	 * Return the limit the upload went past, as its property is named
	 * ({@code max-file-size}, {@code max-total-size}…) or {@code disk-full}: the
	 * {@code reason} tag of the refusal metric.
	 * @return the limit
	 */
	public String getLimit() {
		return this.limit;
	}

}
