package dev.switchboard.socket.framing;

/**
 * Thrown when the input ends (the client half-closed or closed) in the middle of a
 * message. A clean end between two messages is not an error: framings return {@code null}
 * then.
 */
public class TruncatedFrameException extends FramingException {

	/**
	 * Create an exception.
	 * @param message what was cut short, for the client
	 */
	public TruncatedFrameException(String message) {
		super(message);
	}

}
