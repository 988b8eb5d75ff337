package dev.switchboard.socket.framing;

/**
 * Thrown when a text message is not valid UTF-8 (overlong forms, surrogates, stray or
 * missing continuation bytes included). The framings that throw it have read the whole
 * message first, so the stream is still in step: a line protocol may answer an error and
 * carry on.
 *
 * @see Utf8Validator
 */
public class InvalidUtf8Exception extends MalformedFrameException {

	/**
	 * Create an exception.
	 * @param message what is wrong, for the client
	 */
	public InvalidUtf8Exception(String message) {
		super(message);
	}

	static InvalidUtf8Exception invalidByte(String what, byte invalid, long offset) {
		return new InvalidUtf8Exception(String.format("%s is not valid UTF-8: byte 0x%02X at offset %d cannot be there",
				what, invalid & 0xFF, offset));
	}

	static InvalidUtf8Exception cutShort(String what, long offset) {
		return new InvalidUtf8Exception(
				what + " is not valid UTF-8: the character at offset " + offset + " is cut short");
	}

}
