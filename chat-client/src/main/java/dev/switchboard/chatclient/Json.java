package dev.switchboard.chatclient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.jr.ob.JSON;

/**
 * The chat's JSON frames, read and written with jackson-jr (small enough to pack into the
 * runnable jar): objects become {@link Map}s, arrays {@link List}s, numbers
 * {@link Number}s.
 */
final class Json {

	private static final JSON json = JSON.std;

	private Json() {
	}

	/**
	 * Parse a JSON document.
	 * @param text the document
	 * @return its value
	 * @throws IllegalArgumentException when it is not valid JSON
	 */
	static Object parse(String text) {
		if (text.isBlank()) {
			throw new IllegalArgumentException("Invalid JSON: no value");
		}
		try (JsonParser parser = json.createParser(text)) {
			Object value = json.anyFrom(parser);
			if (parser.nextToken() != null) {
				throw new IllegalArgumentException("Invalid JSON: unexpected text after the value");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Invalid JSON: " + ex.getOriginalMessage(), ex);
		}
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
	 * Write a flat JSON object.
	 * @param namesAndValues the members, in order: name, value, name, value...
	 * @return the JSON text
	 */
	static String object(Object... namesAndValues) {
		Map<String, Object> members = new LinkedHashMap<>();
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			members.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
		}
		return json.asString(members);
	}

}
