package dev.switchboard.chatclient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the chat's frames, so that the client needs nothing but the JDK:
 * objects become {@link Map}s, arrays {@link List}s, numbers {@link Long} or
 * {@link Double}.
 */
final class Json {

	private final String text;

	private int position;

	private Json(String text) {
		this.text = text;
	}

	/**
	 * Parse a JSON document.
	 * @param text the document
	 * @return its value
	 * @throws IllegalArgumentException when it is not valid JSON
	 */
	static Object parse(String text) {
		Json json = new Json(text);
		Object value = json.value();
		json.skipWhitespace();
		if (json.position != text.length()) {
			throw json.error("unexpected text after the value");
		}
		return value;
	}

	/**
	 * Parse a JSON object.
	 * @param text the document
	 * @return the object's members
	 * @throws IllegalArgumentException when it is not a JSON object
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> parseObject(String text) {
		if (parse(text) instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		throw new IllegalArgumentException("Not a JSON object: " + text);
	}

	/**
	 * Write a flat JSON object of strings and numbers.
	 * @param namesAndValues the members, in order: name, value, name, value...
	 * @return the JSON text
	 */
	static String object(Object... namesAndValues) {
		StringBuilder out = new StringBuilder("{");
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			if (i > 0) {
				out.append(',');
			}
			writeString(out, String.valueOf(namesAndValues[i]));
			out.append(':');
			if (namesAndValues[i + 1] instanceof Number number) {
				out.append(number);
			}
			else {
				writeString(out, String.valueOf(namesAndValues[i + 1]));
			}
		}
		return out.append('}').toString();
	}

	private static void writeString(StringBuilder out, String value) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private Object value() {
		skipWhitespace();
		if (this.position >= this.text.length()) {
			throw error("unexpected end");
		}
		char c = this.text.charAt(this.position);
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, Object> object() {
		Map<String, Object> members = new LinkedHashMap<>();
		this.position++;
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return members;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("expected a member name");
			}
			String name = string();
			skipWhitespace();
			expect(':');
			members.put(name, value());
			skipWhitespace();
			char next = next();
			if (next == '}') {
				return members;
			}
			if (next != ',') {
				throw error("expected ',' or '}'");
			}
		}
	}

	private List<Object> array() {
		List<Object> values = new ArrayList<>();
		this.position++;
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return values;
		}
		while (true) {
			values.add(value());
			skipWhitespace();
			char next = next();
			if (next == ']') {
				return values;
			}
			if (next != ',') {
				throw error("expected ',' or ']'");
			}
		}
	}

	private String string() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return out.toString();
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char escaped = next();
			switch (escaped) {
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'u' -> {
					if (this.position + 4 > this.text.length()) {
						throw error("truncated \\u escape");
					}
					out.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
					this.position += 4;
				}
				default -> out.append(escaped);
			}
		}
	}

	private Object number() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		String number = this.text.substring(start, this.position);
		try {
			if (number.contains(".") || number.contains("e") || number.contains("E")) {
				return Double.valueOf(number);
			}
			return Long.valueOf(number);
		}
		catch (NumberFormatException ex) {
			this.position = start;
			throw error("invalid value");
		}
	}

	private Object literal(String word, Object value) {
		if (!this.text.startsWith(word, this.position)) {
			throw error("invalid value");
		}
		this.position += word.length();
		return value;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
	}

	private char peek() {
		return (this.position < this.text.length()) ? this.text.charAt(this.position) : '\0';
	}

	private char next() {
		if (this.position >= this.text.length()) {
			throw error("unexpected end");
		}
		return this.text.charAt(this.position++);
	}

	private void expect(char c) {
		if (next() != c) {
			this.position--;
			throw error("expected '" + c + "'");
		}
	}

	private IllegalArgumentException error(String problem) {
		return new IllegalArgumentException("Invalid JSON at character " + this.position + ": " + problem);
	}

}
