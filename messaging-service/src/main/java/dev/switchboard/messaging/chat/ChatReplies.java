package dev.switchboard.messaging.chat;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a transport writes the chat's answers to one client: its codec's output side.
 * {@link ChatSession} decides what to answer and when; the transport only encodes.
 *
 * @param <F> what the transport sends: a WebSocket frame, a line's bytes
 */
public interface ChatReplies<F> {

	/**
	 * The answer to a sign-in.
	 * @param identity who signed in
	 * @param online who is online, this user included
	 * @param ref the client's reference
	 * @return what to send, in order
	 */
	List<F> welcome(ChatIdentity identity, ChatService.Online online, @Nullable Object ref);

	/**
	 * The answer to a join or to a request for older messages: some of the room's
	 * history.
	 * @param history the room and its messages, oldest first
	 * @param reader the nickname of the client
	 * @param ref the client's reference
	 * @return what to send, in order
	 */
	List<F> history(ChatService.RoomHistory history, String reader, @Nullable Object ref);

	/**
	 * The answer to a leave.
	 * @param room the room's name
	 * @param ref the client's reference
	 * @return what to send, empty when the transport answers nothing
	 */
	List<F> left(String room, @Nullable Object ref);

	/**
	 * The answer to a who.
	 * @param room the room asked about, as the client wrote it, or {@code null}
	 * @param nicknames who is online, or in the room
	 * @param ref the client's reference
	 * @return what to send
	 */
	F online(@Nullable String room, List<String> nicknames, @Nullable Object ref);

	/**
	 * The answer to a list of rooms.
	 * @param rooms room name to number of members
	 * @param ref the client's reference
	 * @return what to send
	 */
	F rooms(Map<String, Integer> rooms, @Nullable Object ref);

	/**
	 * An error.
	 * @param message the sentence for the user
	 * @param ref the client's reference
	 * @return what to send
	 */
	F error(String message, @Nullable Object ref);

	/**
	 * A message delivered to this client, or {@code null} to skip it (a transport whose
	 * client already shows what it typed).
	 * @param event the message
	 * @param reader the nickname of the client
	 * @param origin whether this client sent it (its acknowledgement)
	 * @return what to send, or {@code null}
	 */
	@Nullable F message(ChatEvent.MessagePosted event, String reader, boolean origin);

	/**
	 * A presence change delivered to this client.
	 * @param event the change
	 * @return what to send
	 */
	F presence(ChatEvent.PresenceChanged event);

	/**
	 * What the client sends too fast, in its own words ({@code frames}, {@code lines}).
	 * @return the plural noun
	 */
	String units();

}
