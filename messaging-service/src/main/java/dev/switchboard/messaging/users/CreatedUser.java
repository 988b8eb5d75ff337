package dev.switchboard.messaging.users;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user just registered, with the token shown this once.
 *
 * @param id the user's id
 * @param nickname the nickname
 * @param status the status, {@code available} at first
 * @param token the bearer token; only its hash is stored, so it cannot be shown again
 */
@Schema(description = "A new user and its bearer token, shown only in this answer")
public record CreatedUser(@Schema(example = "1") long id, @Schema(example = "alice") String nickname,
		@Schema(example = "available") String status,
		@Schema(description = "Bearer token: send it as 'Authorization: Bearer <token>'. Keep it: it is shown once.",
				example = "q3Xh0m8r3yq8m3Vt5yJ2X0m1Q9wGZb7d0qkq9pXl6bE") String token) {

}
