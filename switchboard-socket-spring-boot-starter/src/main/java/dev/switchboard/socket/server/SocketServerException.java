package dev.switchboard.socket.server;

/**
 * Thrown when a socket server cannot be created or started.
 */
public class SocketServerException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the cause, or {@code null}
	 */
	public SocketServerException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Create an exception.
	 * @param message what went wrong
	 */
	public SocketServerException(String message) {
		super(message);
	}

}
