package dev.switchboard.contacts.tcp;

import org.jspecify.annotations.Nullable;

/**
 * The one JSON object the TCP protocol answers: {@code status}, a human {@code msg}, and
 * {@code data} ({@code null} on every error).
 *
 * @param status whether the command succeeded
 * @param msg what happened, for a person
 * @param data the command's result, or {@code null}
 */
record CommandReply(boolean status, String msg, @Nullable Object data) {

	static CommandReply ok(String msg, Object data) {
		return new CommandReply(true, msg, data);
	}

	static CommandReply error(String msg) {
		return new CommandReply(false, msg, null);
	}

}
