package dev.switchboard.messaging.messages;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored message as the chat carries it: said in a room, or sent directly to someone.
 *
 * @param id the id it was stored under
 * @param room the room, for a room message
 * @param to the recipient's nickname, for a direct message
 * @param from the sender's nickname
 * @param text the text
 * @param sentAt when it was stored
 */
public record ChatMessage(long id, @Nullable String room, @Nullable String to, String from, String text,
		Instant sentAt) {

	/**
	 * Return whether this is a direct message.
	 * @return whether it has a recipient rather than a room
	 */
	public boolean isDirect() {
		return this.room == null;
	}

}
