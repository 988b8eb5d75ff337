package dev.switchboard.socket.server;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Thrown by {@link SocketConnection#read} when a message started but did not complete
 * within the server's request timeout (a slow client, one byte at a time).
 */
public class RequestTimeoutException extends SocketTimeoutException {

	/**
	 * Create an exception.
	 * @param timeout the request timeout that expired
	 */
	public RequestTimeoutException(Duration timeout) {
		super("request not complete within " + Durations.describe(timeout));
	}

}
