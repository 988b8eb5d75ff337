package dev.switchboard.contacts.tcp;

/**
 * A request that cannot be run as sent (unknown command, missing or invalid argument);
 * its message goes back to the client.
 */
class CommandException extends RuntimeException {

	CommandException(String message) {
		super(message);
	}

}
