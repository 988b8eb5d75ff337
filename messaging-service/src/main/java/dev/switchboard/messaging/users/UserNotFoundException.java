package dev.switchboard.messaging.users;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Thrown when no user has the requested id, answered with 404.
 */
public class UserNotFoundException extends ResponseStatusException {

	public UserNotFoundException(long id) {
		super(HttpStatus.NOT_FOUND, "No user with id " + id + ".");
	}

}
