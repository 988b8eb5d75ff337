package dev.switchboard.socket.server;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Thrown by {@link SocketConnection#read} when no byte arrived within the server's idle
 * timeout: before the first byte of a message, or between two reads of one message.
 */
public class IdleTimeoutException extends SocketTimeoutException {

	private final boolean requestStarted;

	/**
	 * Create an exception.
	 * @param timeout the idle timeout that expired
	 * @param requestStarted whether part of a message had arrived
	 */
	public IdleTimeoutException(Duration timeout, boolean requestStarted) {
		super(requestStarted ? "request incomplete: no data received for " + Durations.describe(timeout)
				: "no request received within " + Durations.describe(timeout));
		this.requestStarted = requestStarted;
	}

	/**
	 * Return whether part of a message had arrived before the silence.
	 * @return {@code true} for half a message then silence
	 */
	public boolean isRequestStarted() {
		return this.requestStarted;
	}

}
