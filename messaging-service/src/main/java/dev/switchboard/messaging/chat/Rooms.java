package dev.switchboard.messaging.chat;

import java.util.regex.Pattern;

/**
 * The rules of room names: 1 to 32 letters, digits, {@code _} or {@code -}, written with
 * or without a leading {@code #} ({@code #general} and {@code general} are one room).
 */
public final class Rooms {

	private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{Nd}_-]{1,32}$");

	private Rooms() {
	}

	/**
	 * Return a room name without its {@code #}, checking the rules.
	 * @param room the name as the client wrote it
	 * @return the room's name
	 * @throws ChatException when it breaks the rules
	 */
	public static String normalize(String room) {
		if (room == null) {
			throw new ChatException("A room name is required, e.g. \"general\".");
		}
		String name = room.startsWith("#") ? room.substring(1) : room;
		if (!NAME.matcher(name).matches()) {
			throw new ChatException("Invalid room name '" + abbreviate(room)
					+ "': use 1 to 32 letters, digits, '_' or '-', e.g. \"general\".");
		}
		return name;
	}

	static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

}
