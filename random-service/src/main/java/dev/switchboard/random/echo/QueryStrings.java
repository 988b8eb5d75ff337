package dev.switchboard.random.echo;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code a=1&b=coucou&a=2} (a query string or a form body) into a multi-map that
 * keeps the order of names and of values, as Python's {@code parse_qs} does, and keeps
 * blank values ({@code a=} is {@code {"a": [""]}}, {@code a} alone too).
 */
final class QueryStrings {

	private QueryStrings() {
	}

	static Map<String, List<String>> parse(String text, Charset charset) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (text == null || text.isEmpty()) {
			return parameters;
		}
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair, charset);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1), charset) : "";
			parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	/**
	 * Percent-decode, {@code +} as a space; a malformed escape ({@code %zz}) stays as
	 * written rather than failing the whole echo.
	 */
	private static String decode(String text, Charset charset) {
		try {
			return URLDecoder.decode(text, charset);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

}
