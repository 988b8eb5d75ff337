package dev.switchboard.socket.framing;

/**
 * Thrown when the bytes received cannot be a message (invalid JSON, invalid UTF-8).
 */
public class MalformedFrameException extends FramingException {

	/**
	 * Create an exception.
	 * @param message what is wrong, for the client
	 * @param cause the parser's failure, or {@code null}
	 */
	public MalformedFrameException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception.
	 * @param message what is wrong, for the client
	 */
	public MalformedFrameException(String message) {
		super(message);
	}

}
