package dev.switchboard.messaging.users;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A registration.
 *
 * @param nickname the wanted nickname
 */
@Schema(description = "A registration")
public record CreateUserRequest(@NotNull @Pattern(regexp = Nicknames.REGEXP, message = Nicknames.RULE) @Schema(
		description = "3 to 32 letters, digits, '_' or '-'; unique regardless of case", example = "alice",
		requiredMode = Schema.RequiredMode.REQUIRED) String nickname) {

}
