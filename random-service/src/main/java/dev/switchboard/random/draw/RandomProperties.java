package dev.switchboard.random.draw;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the random API: every size a request can ask for is bounded.
 *
 * @param maxCount Maximum number of values one request can ask for with the n parameter.
 * @param maxBytes Maximum number of bytes one request to /api/random/bytes can ask for.
 * @param maxStringLength Maximum length, in characters, of one random string.
 * @param maxStringCharacters Maximum number of characters of all the strings of one
 * request (length times n).
 * @param maxItems Maximum number of items a shuffle or pick accepts.
 * @param maxDice Maximum number of dice in one roll.
 * @param maxSides Maximum number of sides of a die.
 */
@ConfigurationProperties("switchboard.random")
public record RandomProperties(@DefaultValue("10000") int maxCount, @DefaultValue("64KB") DataSize maxBytes,
		@DefaultValue("10000") int maxStringLength, @DefaultValue("1000000") int maxStringCharacters,
		@DefaultValue("10000") int maxItems, @DefaultValue("1000") int maxDice, @DefaultValue("1000000") int maxSides) {

	public RandomProperties {
		requireBetween("max-count", maxCount, 1_000_000);
		requireBetween("max-bytes", maxBytes.toBytes(), 16L * 1024 * 1024);
		requireBetween("max-string-length", maxStringLength, 1_000_000);
		requireBetween("max-string-characters", maxStringCharacters, 100_000_000);
		requireBetween("max-items", maxItems, 1_000_000);
		requireBetween("max-dice", maxDice, 1_000_000);
		requireBetween("max-sides", maxSides, Integer.MAX_VALUE);
	}

	private static void requireBetween(String name, long value, long max) {
		if (value < 1 || value > max) {
			throw new IllegalArgumentException(
					"switchboard.random.%s must be between 1 and %d, got %d".formatted(name, max, value));
		}
	}

}
