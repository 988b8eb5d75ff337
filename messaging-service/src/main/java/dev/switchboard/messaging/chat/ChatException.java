package dev.switchboard.messaging.chat;

/**
 * A chat command that cannot be carried out, with a sentence for the user: the transports
 * send it as an error frame or an error line.
 */
public class ChatException extends RuntimeException {

	public ChatException(String message) {
		super(message);
	}

}
