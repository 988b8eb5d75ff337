package dev.switchboard.messaging.chat;

import java.util.List;

/**
 * One signed-in connection to the chat (a WebSocket or a TCP session) as the roster sees
 * it. Delivery methods never block: a transport queues what it cannot send at once and
 * drops a client that cannot keep up.
 */
public interface ChatConnection {

	/**
	 * Return the id of this connection, unique in this process.
	 * @return the id
	 */
	String id();

	/**
	 * Return who is signed in on this connection.
	 * @return the identity
	 */
	ChatIdentity identity();

	/**
	 * Deliver a message: to a member of its room, or to a socket of its sender or
	 * recipient.
	 * @param event the message event; {@link ChatEvent.MessagePosted#ref()} is meant only
	 * for the connection whose id is {@link ChatEvent.MessagePosted#origin()}
	 */
	void deliver(ChatEvent.MessagePosted event);

	/**
	 * Tell that someone came online or went offline.
	 * @param event the change
	 */
	void deliver(ChatEvent.PresenceChanged event);

	/**
	 * Tell who is online, when announcements resume after the chat was too crowded for
	 * them: what the client knew of presence is out of date.
	 * @param nicknames the nicknames online, sorted regardless of case
	 */
	void deliverOnline(List<String> nicknames);

}
