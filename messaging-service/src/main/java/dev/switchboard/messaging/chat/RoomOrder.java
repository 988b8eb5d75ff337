package dev.switchboard.messaging.chat;

import java.util.function.Function;
import java.util.function.Supplier;

import dev.switchboard.messaging.messages.ChatMessage;

/**
 * Makes a room's messages go out in the order of their ids: storing a message (which
 * gives it its id) and publishing it happen for one room at a time, across every replica
 * that shares the chat.
 */
@FunctionalInterface
public interface RoomOrder {

	/**
	 * Store a message of a room and publish it, after the room's previous one.
	 * @param room the room's name
	 * @param store stores the message
	 * @param event the event that publishes the stored message
	 * @return the stored message
	 */
	ChatMessage storeAndPublish(String room, Supplier<ChatMessage> store, Function<ChatMessage, ChatEvent> event);

}
