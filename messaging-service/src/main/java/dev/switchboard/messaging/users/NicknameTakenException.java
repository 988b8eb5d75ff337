package dev.switchboard.messaging.users;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Thrown when a nickname is already someone's (in any case), answered with 409.
 */
public class NicknameTakenException extends ResponseStatusException {

	NicknameTakenException(String nickname) {
		super(HttpStatus.CONFLICT, "The nickname '" + nickname
				+ "' is already taken (nicknames are unique regardless of case); choose another one.");
	}

}
