package dev.switchboard.messaging.users;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of nicknames: 3 to 32 letters, digits, {@code _} or {@code -}, unique
 * regardless of case.
 */
public final class Nicknames {

	/** The regular expression a nickname matches, for Bean Validation. */
	public static final String REGEXP = "^[\\p{L}\\p{Nd}_-]{3,32}$";

	/** The rule in words, for error messages. */
	public static final String RULE = "must be 3 to 32 letters, digits, '_' or '-'";

	private static final Pattern PATTERN = Pattern.compile(REGEXP);

	private Nicknames() {
	}

	/**
	 * Return whether a text is a valid nickname.
	 * @param nickname the candidate
	 * @return whether it follows the rules
	 */
	public static boolean isValid(String nickname) {
		return nickname != null && PATTERN.matcher(nickname).matches();
	}

	/**
	 * Return the form of a nickname under which it is unique: {@code Alice} and
	 * {@code alice} are the same person.
	 * @param nickname a nickname
	 * @return its lower-case form
	 */
	public static String key(String nickname) {
		return nickname.toLowerCase(Locale.ROOT);
	}

}
