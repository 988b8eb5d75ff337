package dev.switchboard.messaging.messages;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A direct message to send.
 *
 * @param text the text
 */
@Schema(description = "A direct message to send")
public record SendMessageRequest(
		@NotBlank @Size(max = Message.MAX_TEXT_LENGTH) @Schema(description = "The text, up to 4000 characters",
				example = "Hello Bob!", requiredMode = Schema.RequiredMode.REQUIRED) String text) {

}
