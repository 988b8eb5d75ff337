package dev.switchboard.chatclient;

/**
 * Makes text that came from the network safe to print on a terminal: a message must not
 * be able to move the cursor, clear the screen, change the window's title or reorder what
 * the user reads.
 * <p>
 * Control characters are shown the way {@code cat -v} shows them: C0 controls in caret
 * notation ({@code ESC} is {@code ^[}, {@code BEL} {@code ^G}, a line feed {@code ^J}),
 * {@code DEL} as {@code ^?}, and C1 controls (U+0080 to U+009F) as {@code M-} followed by
 * the caret notation of the C0 control 128 below ({@code CSI}, U+009B, is {@code M-^[}).
 * Tab is kept. Bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069),
 * which would make a line read differently from what it holds, are dropped. Everything
 * else, accents and emoji included, is left as it is.
 */
final class TerminalText {

	private TerminalText() {
	}

	/**
	 * Return a value from the network as it may be printed.
	 * @param value the value ({@code null} prints as {@code null})
	 * @return its text with control characters made visible and bidi controls dropped
	 */
	static String visible(Object value) {
		String text = String.valueOf(value);
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String replacement = replacement(c);
			if (replacement == null) {
				if (out != null) {
					out.append(c);
				}
				continue;
			}
			if (out == null) {
				out = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			out.append(replacement);
		}
		return (out != null) ? out.toString() : text;
	}

	private static String replacement(char c) {
		if (c == '\t') {
			return null;
		}
		if (c < 0x20) {
			return "^" + (char) (c + 0x40);
		}
		if (c == 0x7F) {
			return "^?";
		}
		if (c >= 0x80 && c <= 0x9F) {
			return "M-^" + (char) (c - 0x80 + 0x40);
		}
		if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
			return "";
		}
		return null;
	}

}
