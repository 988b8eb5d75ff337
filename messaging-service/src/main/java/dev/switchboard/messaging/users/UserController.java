package dev.switchboard.messaging.users;

import java.net.URI;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration, the public list of users and status changes.
 */
@RestController
@RequestMapping("/api/users")
@Tag(name = "users", description = "Register, find users (\"find my id\"), change your status")
class UserController {

	private final UserService users;

	private final OnlineUsers online;

	UserController(UserService users, OnlineUsers online) {
		this.users = users;
		this.online = online;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Register a user",
			description = "Creates a user and answers its bearer token. The token is shown only in this answer: "
					+ "keep it, it signs you in to the API, the WebSocket chat and the TCP chat.")
	@ApiResponse(responseCode = "201", description = "The new user, with its token")
	@ApiResponse(responseCode = "400", description = "Invalid 'nickname': must be 3 to 32 letters, digits, '_' or '-'.")
	@ApiResponse(responseCode = "409", description = "The nickname 'alice' is already taken.")
	ResponseEntity<CreatedUser> register(@Valid @RequestBody CreateUserRequest request) {
		CreatedUser user = this.users.register(request.nickname());
		return ResponseEntity.created(URI.create("/api/users/" + user.id())).body(user);
	}

	@GetMapping
	@Operation(summary = "List users, or find one by nickname",
			description = "Public. Users by increasing id, with their status and whether they are in the chat now. "
					+ "With 'nickname' (any case), the array holds that user or is empty.")
	@ApiResponse(responseCode = "200", description = "The users")
	@ApiResponse(responseCode = "400", description = "Invalid 'limit': must be less than or equal to 10000.")
	List<UserView> list(
			@Parameter(description = "Only the user with this nickname (any case)",
					example = "alice") @RequestParam(required = false) @Size(max = 64) String nickname,
			@Parameter(description = "Only users with a greater id (to page through)",
					example = "0") @RequestParam(defaultValue = "0") @Min(0) long since,
			@Parameter(description = "How many users at most",
					example = "1000") @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit) {
		Set<Long> connected = this.online.onlineUserIds();
		List<User> found = (nickname != null) ? findByNickname(nickname) : this.users.list(since, limit);
		return found.stream().map((user) -> UserView.of(user, connected.contains(user.getId()))).toList();
	}

	/**
	 * Only a valid nickname can name a user: anything else matches nobody, and never
	 * reaches the database (PostgreSQL refuses text with a NUL character).
	 */
	private List<User> findByNickname(String nickname) {
		return Nicknames.isValid(nickname) ? this.users.findByNickname(nickname).stream().toList() : List.of();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a user", description = "Public.")
	@ApiResponse(responseCode = "200", description = "The user")
	@ApiResponse(responseCode = "404", description = "No user with id 42.")
	UserView get(@Parameter(description = "The user's id", example = "1") @PathVariable @Min(1) long id) {
		User user = this.users.get(id);
		return UserView.of(user, this.online.onlineUserIds().contains(user.getId()));
	}

	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	@Operation(summary = "Change your status", description = "Needs the user's own token.")
	@SecurityRequirement(name = "bearer")
	@ApiResponse(responseCode = "200", description = "The user with the new status")
	@ApiResponse(responseCode = "400", description = "Invalid 'status': size must be between 0 and 140.")
	@ApiResponse(responseCode = "401", description = "This operation needs a bearer token.")
	@ApiResponse(responseCode = "403", description = "This token belongs to another user.")
	@ApiResponse(responseCode = "404", description = "No user with id 42.")
	UserView updateStatus(@Parameter(description = "Your user id", example = "1") @PathVariable long id,
			@Valid @RequestBody UpdateStatusRequest request) {
		User user = this.users.updateStatus(id, request.status());
		return UserView.of(user, this.online.onlineUserIds().contains(user.getId()));
	}

}
