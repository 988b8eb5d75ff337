package dev.switchboard.messaging.chat;

import java.util.function.Supplier;

/**
 * Makes a room's messages go out in the order of their ids: storing a message (which
 * gives it its id) and publishing it happen for one room at a time, across every replica
 * that shares the chat.
 */
@FunctionalInterface
public interface RoomOrder {

	/**
	 * Store and publish a message of a room, after the room's previous one.
	 * @param <T> what the action answers
	 * @param room the room's name
	 * @param storeAndPublish the action
	 * @return what the action answered
	 */
	<T> T inOrder(String room, Supplier<T> storeAndPublish);

}
