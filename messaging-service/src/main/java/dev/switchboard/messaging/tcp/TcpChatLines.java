package dev.switchboard.messaging.tcp;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatMessage;

/**
 * The lines of the TCP chat, as {@code nc} shows them.
 *
 * <pre>
 * [#general] alice: hello everyone
 * bob said: hi alice
 * * carol is online
 * </pre>
 */
final class TcpChatLines {

	static final String GREETING = "Welcome to the Switchboard chat! Sign in with /auth <token> or choose a guest "
			+ "nickname with /nick NAME. Type /help for the commands.";

	static final List<String> HELP = List.of("Commands:",
			"  /auth <token>       sign in (POST /api/users gives a token)",
			"  /nick NAME          chat as a guest under a free nickname (no inbox)",
			"  /join #room         join a room; your lines go there",
			"  /join nickname      your lines go to this person (direct messages)",
			"  /leave [#room]      leave a room (the current one by default)", "  /who                who is online",
			"  /rooms              the rooms with people in them", "  /help               this list",
			"  /quit               leave", "Any other line goes to the room or person you joined last.");

	private TcpChatLines() {
	}

	/**
	 * Write a message as a line for one reader.
	 * @param message the message
	 * @param reader the reader's nickname
	 * @return the line
	 */
	static String message(ChatMessage message, String reader) {
		String text = oneLine(message.text());
		if (!message.isDirect()) {
			return "[#" + message.room() + "] " + message.from() + ": " + text;
		}
		if (!message.to().equalsIgnoreCase(reader)) {
			// sent by the reader from another connection
			return "you said to " + message.to() + ": " + text;
		}
		return message.from() + " said: " + text;
	}

	static String presence(ChatEvent.PresenceChanged change) {
		return "* " + change.nickname() + (change.online() ? " is online" : " left");
	}

	static String online(List<String> nicknames) {
		return "Online: " + String.join(", ", nicknames);
	}

	static String rooms(Map<String, Integer> rooms) {
		if (rooms.isEmpty()) {
			return "No rooms yet: /join #general opens one.";
		}
		return "Rooms: " + rooms.entrySet()
			.stream()
			.map((room) -> "#" + room.getKey() + " (" + room.getValue() + ")")
			.collect(Collectors.joining(", "));
	}

	static String error(String message) {
		return "ERROR " + message;
	}

	/**
	 * Keep a text on one line: a message typed in a browser may hold line breaks.
	 * @param text the text
	 * @return the text with control characters replaced by spaces
	 */
	static String oneLine(String text) {
		StringBuilder line = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
		return line.toString();
	}

}
