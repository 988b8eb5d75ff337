package dev.switchboard.e2e.configuration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * Compares a default written in a README with the metadata's, by the property's type:
 * {@code 1m} and {@code 60s} are the same duration, {@code 1MB} and {@code 1024KB} the
 * same size. A value wholly in backquotes is taken literally, spaces included; an empty
 * string is written {@code empty}.
 */
final class DefaultValues {

	private DefaultValues() {
	}

	static boolean same(MetadataProperty property, String documented) {
		Object expected = property.defaultValue();
		String type = property.type();
		try {
			if (isCollection(type) || expected instanceof List) {
				return values(expected).equals(documentedValues(documented));
			}
			String value = unquote(documented);
			String text = String.valueOf(expected);
			if (type.equals("java.time.Duration")) {
				return DurationStyle.detectAndParse(value).equals(DurationStyle.detectAndParse(text));
			}
			if (type.equals("org.springframework.util.unit.DataSize")) {
				return DataSize.parse(value).equals(DataSize.parse(text));
			}
			if (expected instanceof BigDecimal || isNumber(type)) {
				return new BigDecimal(value).compareTo(new BigDecimal(text)) == 0;
			}
			if (expected instanceof Boolean || type.equals("java.lang.Boolean") || type.equals("boolean")) {
				return value.equalsIgnoreCase(text);
			}
			return value.equals(text) || (text.isEmpty() && value.equalsIgnoreCase("empty"));
		}
		catch (RuntimeException ex) {
			// a default that does not parse as its type is not the default
			return false;
		}
	}

	private static boolean isCollection(String type) {
		return type.startsWith("java.util.List") || type.startsWith("java.util.Set")
				|| type.startsWith("java.util.Collection") || type.endsWith("[]");
	}

	private static boolean isNumber(String type) {
		return List
			.of("int", "long", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "double", "java.lang.Float")
			.contains(type);
	}

	private static List<String> values(Object expected) {
		if (expected instanceof List<?> list) {
			return list.stream().map(Objects::toString).map(String::strip).toList();
		}
		String text = String.valueOf(expected);
		// the processor writes a list default as "[a, b]"
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		return splitValues(text, ", ");
	}

	private static List<String> documentedValues(String documented) {
		return ReadmeConfigurationTable.split(documented, ",").stream().map(DefaultValues::unquote).toList();
	}

	private static List<String> splitValues(String text, String separator) {
		return List.of(text.split(separator)).stream().map(String::strip).toList();
	}

	/** {@code `Serveur a reçu `} → {@code Serveur a reçu }; {@code  10 } → {@code 10}. */
	static String unquote(String documented) {
		String value = documented.strip();
		if (value.length() >= 2 && value.startsWith("`") && value.endsWith("`")
				&& value.indexOf('`', 1) == value.length() - 1) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

}
