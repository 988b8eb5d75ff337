package dev.switchboard.messaging.users;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user as everybody may see it.
 *
 * @param id the user's id
 * @param nickname the nickname
 * @param status the free-text status
 * @param online whether the user has a chat connection open right now
 */
@Schema(description = "A user")
public record UserView(@Schema(example = "1") long id, @Schema(example = "alice") String nickname,
		@Schema(example = "available") String status,
		@Schema(description = "Whether the user is connected to the chat (WebSocket or TCP) right now",
				example = "true") boolean online) {

	static UserView of(User user, boolean online) {
		return new UserView(user.getId(), user.getNickname(), user.getStatus(), online);
	}

}
