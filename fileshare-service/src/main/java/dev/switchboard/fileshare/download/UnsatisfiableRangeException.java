package dev.switchboard.fileshare.download;

/**
 * A {@code Range} outside the file, answered with the file's size in
 * {@code Content-Range: bytes *}{@code /size}.
 */
public class UnsatisfiableRangeException extends RuntimeException {

	private final long size;

	UnsatisfiableRangeException(long size) {
		super("The requested range lies outside the file, which has " + size + " bytes.");
		this.size = size;
	}

	/**
	 * Return the size of the file.
	 * @return its size in bytes
	 */
	public long getSize() {
		return this.size;
	}

}
