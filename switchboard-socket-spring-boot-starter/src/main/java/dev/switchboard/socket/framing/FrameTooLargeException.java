package dev.switchboard.socket.framing;

/**
 * Thrown when a message exceeds its framing's maximum size.
 */
public class FrameTooLargeException extends FramingException {

	private final int maxSize;

	/**
	 * Create an exception.
	 * @param maxSize the maximum that was exceeded, in bytes
	 */
	public FrameTooLargeException(int maxSize) {
		super("request larger than the limit of " + maxSize + " bytes");
		this.maxSize = maxSize;
	}

	/**
	 * Return the maximum that was exceeded.
	 * @return the maximum, in bytes
	 */
	public int getMaxSize() {
		return this.maxSize;
	}

}
