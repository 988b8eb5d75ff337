package dev.switchboard.messaging.messages;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A stored message: said in a room, or sent directly to someone.
 */
@Entity
@Table(name = "messages")
public class Message {

	/** The longest text a message may carry, in characters. */
	public static final int MAX_TEXT_LENGTH = 4000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(length = 32)
	private String room;

	@Column(name = "sender_id")
	private Long senderId;

	@Column(name = "sender_nickname", nullable = false, length = 32)
	private String senderNickname;

	@Column(name = "recipient_id")
	private Long recipientId;

	@Column(name = "recipient_nickname", length = 32)
	private String recipientNickname;

	@Column(nullable = false, length = 4000)
	private String text;

	@Column(name = "sent_at", nullable = false)
	private Instant sentAt;

	protected Message() {
	}

	private Message(String room, Correspondent sender, Correspondent recipient, String text, Instant sentAt) {
		this.room = room;
		this.senderId = sender.userId();
		this.senderNickname = sender.nickname();
		if (recipient != null) {
			this.recipientId = recipient.userId();
			this.recipientNickname = recipient.nickname();
		}
		this.text = text;
		this.sentAt = sentAt;
	}

	static Message inRoom(String room, Correspondent sender, String text, Instant sentAt) {
		return new Message(room, sender, null, text, sentAt);
	}

	static Message direct(Correspondent sender, Correspondent recipient, String text, Instant sentAt) {
		return new Message(null, sender, recipient, text, sentAt);
	}

	public Long getId() {
		return this.id;
	}

	public Long getSenderId() {
		return this.senderId;
	}

	public String getSenderNickname() {
		return this.senderNickname;
	}

	public Long getRecipientId() {
		return this.recipientId;
	}

	public String getRecipientNickname() {
		return this.recipientNickname;
	}

	public String getText() {
		return this.text;
	}

	public Instant getSentAt() {
		return this.sentAt;
	}

	ChatMessage toChatMessage() {
		return new ChatMessage(this.id, this.room, this.recipientNickname, this.senderNickname, this.text, this.sentAt);
	}

}
