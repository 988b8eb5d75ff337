package dev.switchboard.messaging.messages;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.messaging.security.TokenOwner;

/**
 * Direct messages over REST: send to a user, read your inbox.
 */
@RestController
@RequestMapping("/api/users/{id}/messages")
@Tag(name = "messages", description = "Send direct messages and read your inbox")
@SecurityRequirement(name = "bearer")
class MessageController {

	private final MessageService messages;

	MessageController(MessageService messages) {
		this.messages = messages;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Send a direct message to a user",
			description = "The sender is the owner of the token. The message is stored, then pushed to the open "
					+ "chat connections of the recipient and the sender.")
	@ApiResponse(responseCode = "201", description = "The stored message")
	@ApiResponse(responseCode = "400", description = "Invalid 'text': must not be blank.")
	@ApiResponse(responseCode = "401", description = "This operation needs a bearer token.")
	@ApiResponse(responseCode = "404", description = "No user with id 42.")
	ResponseEntity<MessageView> send(
			@Parameter(description = "The recipient's user id", example = "2") @PathVariable long id,
			@Valid @RequestBody SendMessageRequest request, @AuthenticationPrincipal TokenOwner sender) {
		MessageView message = this.messages.send(new Correspondent(sender.id(), sender.nickname()), id, request.text());
		return ResponseEntity.status(HttpStatus.CREATED).body(message);
	}

	@GetMapping
	@Operation(summary = "Read your inbox",
			description = "The direct messages you received, oldest first: the first 'limit' messages after "
					+ "'since'. To read on, pass the id of the last message you got as 'since'. "
					+ "Needs your own token.")
	@ApiResponse(responseCode = "200", description = "The messages, oldest first")
	@ApiResponse(responseCode = "400", description = "Invalid 'limit': must be less than or equal to 1000.")
	@ApiResponse(responseCode = "401", description = "This operation needs a bearer token.")
	@ApiResponse(responseCode = "403", description = "This token belongs to another user.")
	List<MessageView> inbox(@Parameter(description = "Your user id", example = "2") @PathVariable @Min(1) long id,
			@Parameter(description = "Only messages with a greater id",
					example = "0") @RequestParam(defaultValue = "0") @Min(0) long since,
			@Parameter(description = "How many messages at most (1 to 1000)",
					example = "100") @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		return this.messages.inbox(id, since, limit);
	}

}
