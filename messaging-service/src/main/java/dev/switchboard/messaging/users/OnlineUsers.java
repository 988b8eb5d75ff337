package dev.switchboard.messaging.users;

import java.util.Set;

/**
 * Tells which registered users have a chat connection open right now.
 */
@FunctionalInterface
public interface OnlineUsers {

	/**
	 * Return the ids of the registered users connected to the chat.
	 * @return their ids
	 */
	Set<Long> onlineUserIds();

}
