package dev.switchboard.messaging.messages;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A direct message as the REST API shows it.
 *
 * @param id the message id ({@code since} takes it to read only newer messages)
 * @param from the sender's nickname
 * @param to the recipient's nickname
 * @param text the text
 * @param sentAt when it was stored
 * @param fromId the sender's user id ({@code null} for a guest of the TCP chat)
 * @param toId the recipient's user id
 */
@Schema(description = "A direct message")
@JsonPropertyOrder({ "id", "from", "to", "text", "sentAt", "fromId", "toId" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageView(@Schema(example = "7") long id, @Schema(example = "alice") String from,
		@Schema(example = "bob") String to, @Schema(example = "Hello Bob!") String text,
		@Schema(example = "2026-11-23T10:15:30.123Z") Instant sentAt,
		@Schema(description = "The sender's user id (absent for a guest of the TCP chat)", example = "1") Long fromId,
		@Schema(description = "The recipient's user id", example = "2") Long toId) {

	static MessageView of(Message message) {
		return new MessageView(message.getId(), message.getSenderNickname(), message.getRecipientNickname(),
				message.getText(), message.getSentAt(), message.getSenderId(), message.getRecipientId());
	}

}
