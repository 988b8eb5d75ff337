package dev.switchboard.messaging.tcp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.messages.ChatMessage;

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
			"  /join #room ID      join, with the room's messages after message ID (what you missed)",
			"  /join nickname      your lines go to this person (direct messages)",
			"  /leave [#room]      leave a room (the current one by default)", "  /who                who is online",
			"  /rooms              the rooms with people in them", "  /help               this list",
			"  /quit               leave", "Any other line goes to the room or person you joined last.");

	/**
	 * A room message as every TCP reader sees it, encoded once per message for all of
	 * them ({@link ChatEvent.MessagePosted#rendered}).
	 */
	static final Function<ChatMessage, byte[]> ROOM_LINE = (message) -> bytes(
			"[#" + message.room() + "] " + message.from() + ": " + oneLine(message.text()));

	/**
	 * A direct message as its recipient's TCP connections see it.
	 */
	static final Function<ChatMessage, byte[]> RECEIVED_LINE = (message) -> bytes(
			message.from() + " said: " + oneLine(message.text()));

	/**
	 * A direct message as the other TCP connections of its sender see it.
	 */
	static final Function<ChatMessage, byte[]> SENT_LINE = (message) -> bytes(
			"you said to " + message.to() + ": " + oneLine(message.text()));

	/**
	 * A presence change as every TCP reader sees it.
	 */
	static final Function<ChatEvent.PresenceChanged, byte[]> PRESENCE_LINE = (change) -> bytes(presence(change));

	private TcpChatLines() {
	}

	/**
	 * Return the encoder of a message's line for one reader: one of three constants, so
	 * that each line is encoded once whatever the number of readers.
	 * @param message the message
	 * @param reader the reader's nickname
	 * @return the encoder
	 */
	static Function<ChatMessage, byte[]> encoder(ChatMessage message, String reader) {
		if (!message.isDirect()) {
			return ROOM_LINE;
		}
		return message.to().equalsIgnoreCase(reader) ? RECEIVED_LINE : SENT_LINE;
	}

	/**
	 * Encode a line for the wire: UTF-8, ended by a line feed.
	 * @param line the line, without line breaks
	 * @return the bytes
	 */
	static byte[] bytes(String line) {
		return (line + "\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Write a message as a line for one reader (a room's history, sent to one reader).
	 * @param message the message
	 * @param reader the reader's nickname
	 * @return the line's bytes
	 */
	static byte[] message(ChatMessage message, String reader) {
		return encoder(message, reader).apply(message);
	}

	static String presence(ChatEvent.PresenceChanged change) {
		return "* " + change.nickname() + (change.online() ? " is online" : " left");
	}

	static String online(List<String> nicknames) {
		return "Online: " + String.join(", ", nicknames);
	}

	static String online(ChatService.Online online) {
		if (!online.isPartial()) {
			return online(online.nicknames());
		}
		return online(online.nicknames()) + " and " + (online.count() - online.nicknames().size())
				+ " more (/who lists everybody)";
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
