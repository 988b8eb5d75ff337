package dev.switchboard.messaging.chat;

import org.jspecify.annotations.Nullable;

import dev.switchboard.messaging.messages.Correspondent;
import dev.switchboard.messaging.users.Nicknames;

/**
 * Who speaks on a chat connection: a registered user, or a guest of the TCP chat (no id,
 * no inbox). Always established by the server (a token, or a free guest nickname), never
 * read from a frame.
 *
 * @param userId the user's id, {@code null} for a guest
 * @param nickname the nickname as the user chose it
 */
public record ChatIdentity(@Nullable Long userId, String nickname) {

	/**
	 * Return whether this is a guest of the TCP chat.
	 * @return whether there is no account behind it
	 */
	public boolean isGuest() {
		return this.userId == null;
	}

	/**
	 * Return this identity as the sender or recipient of a stored message.
	 * @return the correspondent
	 */
	public Correspondent correspondent() {
		return new Correspondent(this.userId, this.nickname);
	}

	/**
	 * Return the nickname in the form under which it is unique.
	 * @return the lower-case nickname
	 */
	public String key() {
		return Nicknames.key(this.nickname);
	}

}
