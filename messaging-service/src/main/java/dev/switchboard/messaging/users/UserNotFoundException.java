package dev.switchboard.messaging.users;

/**
 * Thrown when no user has the requested id (answered with 404 over HTTP).
 */
public class UserNotFoundException extends RuntimeException {

	public UserNotFoundException(long id) {
		super("No user with id " + id + ".");
	}

}
