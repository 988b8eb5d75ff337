package dev.switchboard.socket.framing;

import java.io.IOException;

/**
 * A message that a {@link Framing} rejected. The message is written for the client (it
 * says what is wrong with what was sent) and the connection cannot be trusted afterwards:
 * reply and close.
 */
public abstract class FramingException extends IOException {

	/**
	 * Create an exception.
	 * @param message what is wrong, for the client
	 * @param cause the cause, or {@code null}
	 */
	protected FramingException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception.
	 * @param message what is wrong, for the client
	 */
	protected FramingException(String message) {
		super(message);
	}

}
