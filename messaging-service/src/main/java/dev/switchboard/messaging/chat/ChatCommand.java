package dev.switchboard.messaging.chat;

import org.jspecify.annotations.Nullable;

/**
 * What a signed-in client asks of the chat, whatever its transport: each transport's
 * codec reads its wire form (a JSON frame, a line) into one of these, and
 * {@link ChatSession#handle} carries it out. Each carries the client's reference, echoed
 * in the answer ({@code null} when the transport has none).
 */
public sealed interface ChatCommand {

	/**
	 * Return the client's reference for the answer.
	 * @return the reference, or {@code null}
	 */
	@Nullable Object ref();

	/**
	 * Join a room, receiving its history.
	 *
	 * @param room the room, with or without {@code #}
	 * @param since the last message id the client has, to receive only what follows
	 * @param ref the client's reference
	 */
	record Join(@Nullable String room, @Nullable Long since, @Nullable Object ref) implements ChatCommand {

	}

	/**
	 * Leave a room.
	 *
	 * @param room the room, with or without {@code #}
	 * @param ref the client's reference
	 */
	record Leave(@Nullable String room, @Nullable Object ref) implements ChatCommand {

	}

	/**
	 * Say something in a room.
	 *
	 * @param room the room, with or without {@code #}
	 * @param text the text
	 * @param ref the client's reference, echoed in the acknowledgement
	 */
	record Say(@Nullable String room, @Nullable String text, @Nullable Object ref) implements ChatCommand {

	}

	/**
	 * Send a direct message.
	 *
	 * @param to the recipient's nickname
	 * @param text the text
	 * @param ref the client's reference, echoed in the acknowledgement
	 */
	record Direct(@Nullable String to, @Nullable String text, @Nullable Object ref) implements ChatCommand {

	}

	/**
	 * Ask who is online, or who is in a room.
	 *
	 * @param room the room, or {@code null} for everybody online
	 * @param ref the client's reference
	 */
	record Who(@Nullable String room, @Nullable Object ref) implements ChatCommand {

	}

	/**
	 * Ask which rooms have people in them.
	 *
	 * @param ref the client's reference
	 */
	record ListRooms(@Nullable Object ref) implements ChatCommand {

	}

}
