package dev.switchboard.gateway.readtimeout;

/**
 * A client did not finish a request it had started: it closed its connection in the
 * middle of the body, or ({@link RequestReadTimeoutException}) stopped sending. It ends
 * the request body the gateway is relaying, and it is the client's failure, never its
 * service's: the circuit breakers ignore it.
 */
public class IncompleteRequestException extends RuntimeException {

	IncompleteRequestException(String message) {
		// a client's doing, not a bug: no stack trace to fill
		super(message, null, false, false);
	}

	static IncompleteRequestException closedByClient() {
		return new IncompleteRequestException("The client closed its connection before the whole request arrived.");
	}

}
