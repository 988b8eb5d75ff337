package dev.switchboard.messaging.users;

/**
 * Thrown when a nickname is already someone's, in any case (answered with 409 over HTTP).
 */
public class NicknameTakenException extends RuntimeException {

	NicknameTakenException(String nickname) {
		super("The nickname '" + nickname
				+ "' is already taken (nicknames are unique regardless of case); choose another one.");
	}

}
