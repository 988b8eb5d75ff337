package dev.switchboard.messaging.users;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new status.
 *
 * @param status the status text
 */
@Schema(description = "A change of status")
public record UpdateStatusRequest(@NotNull @Size(max = 140) @Schema(description = "Free text, up to 140 characters",
		example = "learning sockets", requiredMode = Schema.RequiredMode.REQUIRED) String status) {

}
