package dev.switchboard.gateway.readtimeout;

import java.time.Duration;

/**
 * A client stopped sending a request it had started: nothing of it came for the
 * request-read timeout. The gateway answers it 408.
 */
public class RequestReadTimeoutException extends IncompleteRequestException {

	/**
	 * Create the exception for a timeout.
	 * @param timeout the request-read timeout that passed
	 */
	public RequestReadTimeoutException(Duration timeout) {
		super(detail(timeout));
	}

	/**
	 * The sentence a client reads in its 408.
	 * @param timeout the request-read timeout
	 * @return the sentence
	 */
	static String detail(Duration timeout) {
		long millis = timeout.toMillis();
		String waited = (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
		return "The rest of the request did not arrive: nothing of it came for " + waited
				+ ", so the gateway stopped waiting.";
	}

}
