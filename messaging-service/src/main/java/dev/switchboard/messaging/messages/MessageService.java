package dev.switchboard.messaging.messages;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.switchboard.messaging.users.User;
import dev.switchboard.messaging.users.UserService;

/**
 * Stores room and direct messages and reads them back: the one place messages are
 * written, whichever way they arrive (REST, WebSocket, TCP).
 */
@Service
public class MessageService {

	private final MessageRepository messages;

	private final UserService users;

	private final ApplicationEventPublisher events;

	public MessageService(MessageRepository messages, UserService users, ApplicationEventPublisher events) {
		this.messages = messages;
		this.users = users;
		this.events = events;
	}

	/**
	 * Store a message said in a room.
	 * @param sender who said it
	 * @param room the room
	 * @param text the text
	 * @return the stored message, committed
	 */
	@Transactional
	public ChatMessage storeRoomMessage(Correspondent sender, String room, String text) {
		return this.messages.save(Message.inRoom(room, sender, text, now())).toChatMessage();
	}

	/**
	 * Store a direct message.
	 * @param sender who sent it
	 * @param recipient to whom
	 * @param text the text
	 * @return the stored message, committed
	 */
	@Transactional
	public ChatMessage storeDirectMessage(Correspondent sender, Correspondent recipient, String text) {
		return this.messages.save(Message.direct(sender, recipient, text, now())).toChatMessage();
	}

	/**
	 * Send a direct message over REST: store it, then announce it
	 * ({@link DirectMessageSent}) for the chat to push to the open sockets of the
	 * recipient and the sender.
	 * @param sender the owner of the token the request carried
	 * @param recipientId the recipient's id
	 * @param text the text
	 * @return the stored message
	 * @throws dev.switchboard.messaging.users.UserNotFoundException when there is no such
	 * recipient
	 */
	public MessageView send(Correspondent sender, long recipientId, String text) {
		User recipient = this.users.get(recipientId);
		Message message = this.messages
			.save(Message.direct(sender, new Correspondent(recipient.getId(), recipient.getNickname()), text, now()));
		this.events.publishEvent(new DirectMessageSent(message.toChatMessage()));
		return MessageView.of(message);
	}

	/**
	 * Return the latest messages of a room.
	 * @param room the room
	 * @param count how many at most
	 * @return the messages, oldest first
	 */
	public List<ChatMessage> history(String room, int count) {
		List<Message> latest = this.messages.findByRoomOrderByIdDesc(room, Limit.of(count));
		return latest.reversed().stream().map(Message::toChatMessage).toList();
	}

	/**
	 * Return the messages of a room after an id: what a client that reconnects missed.
	 * @param room the room
	 * @param since only messages with a greater id
	 * @param count how many at most
	 * @return the first messages after {@code since}, oldest first
	 */
	public List<ChatMessage> historyAfter(String room, long since, int count) {
		return this.messages.findByRoomAndIdGreaterThanOrderByIdAsc(room, since, Limit.of(count))
			.stream()
			.map(Message::toChatMessage)
			.toList();
	}

	/**
	 * Return direct messages a user received.
	 * @param userId the user's id
	 * @param since only messages with a greater id
	 * @param limit how many at most
	 * @return the messages, oldest first
	 */
	public List<MessageView> inbox(long userId, long since, int limit) {
		return this.messages.findByRecipientIdAndIdGreaterThanOrderByIdAsc(userId, since, Limit.of(limit))
			.stream()
			.map(MessageView::of)
			.toList();
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
