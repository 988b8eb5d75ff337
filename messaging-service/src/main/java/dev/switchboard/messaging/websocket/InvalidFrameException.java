package dev.switchboard.messaging.websocket;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A client frame that is not a JSON object of the chat protocol.
 */
class InvalidFrameException extends RuntimeException {

	private final transient @Nullable JsonNode ref;

	InvalidFrameException(String message, @Nullable JsonNode ref) {
		super(message);
		this.ref = ref;
	}

	@Nullable JsonNode ref() {
		return this.ref;
	}

}
