package dev.switchboard.messaging.chat;

import dev.switchboard.messaging.messages.Message;

/**
 * The rules of a message's text: not blank, at most {@value #MAX_LENGTH} characters.
 */
public final class MessageTexts {

	/** The longest text a message may carry, in characters. */
	public static final int MAX_LENGTH = Message.MAX_TEXT_LENGTH;

	private MessageTexts() {
	}

	/**
	 * Check a message's text.
	 * @param text the text
	 * @return the text
	 * @throws ChatException when it breaks the rules
	 */
	public static String check(String text) {
		if (text == null || text.isBlank()) {
			throw new ChatException("A message needs a non-blank \"text\".");
		}
		if (text.length() > MAX_LENGTH) {
			throw new ChatException("A message's text is limited to " + MAX_LENGTH + " characters; this one has "
					+ text.length() + ".");
		}
		return text;
	}

}
