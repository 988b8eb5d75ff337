package dev.switchboard.random.draw;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.service.problem.InvalidParameterException;

/**
 * A roll in dice notation, {@code NdS+M}: {@code N} dice (1 when left out) of {@code S}
 * sides, plus or minus a modifier ({@code 2d6+3}, {@code d20}, {@code 4d8-2},
 * {@code 3D6}; {@code d%} is {@code d100}). An unencoded {@code +} in a query string
 * arrives as a space ({@code ?roll=2d6+3} reads {@code 2d6 3}), so a space before the
 * modifier means plus.
 *
 * @param count the number of dice
 * @param sides the sides of each die
 * @param modifier added to the sum of the dice
 */
record DiceRoll(int count, int sides, long modifier) {

	static final int MAX_MODIFIER = 1_000_000;

	private static final Pattern NOTATION = Pattern
		.compile("(\\d{1,9})?[dD](\\d{1,10}|%)\\s*(?:([+-]|\\s)\\s*(\\d{1,10}))?");

	/**
	 * Parse dice notation, with the limits of the configuration.
	 * @param notation the roll, e.g. {@code 2d6+3}
	 * @param limits the limits
	 * @return the roll
	 * @throws InvalidParameterException naming {@code roll} when the notation is not
	 * valid
	 */
	static DiceRoll parse(String notation, RandomProperties limits) {
		String text = notation.strip();
		Matcher matcher = NOTATION.matcher(text);
		if (!matcher.matches()) {
			throw invalid(
					"must be dice notation NdS, NdS+M or NdS-M (such as 2d6+3 or d20), got '" + abbreviate(text) + "'");
		}
		long count = (matcher.group(1) != null) ? Long.parseLong(matcher.group(1)) : 1;
		long sides = matcher.group(2).equals("%") ? 100 : Long.parseLong(matcher.group(2));
		long modifier = (matcher.group(4) != null) ? Long.parseLong(matcher.group(4)) : 0;
		if (count < 1 || count > limits.maxDice()) {
			throw invalid("must roll between 1 and " + limits.maxDice() + " dice, got " + count);
		}
		if (sides < 2 || sides > limits.maxSides()) {
			throw invalid("must use dice of 2 to " + limits.maxSides() + " sides, got " + sides);
		}
		if (modifier > MAX_MODIFIER) {
			throw invalid("must have a modifier of at most " + MAX_MODIFIER + ", got " + modifier);
		}
		return new DiceRoll((int) count, (int) sides, "-".equals(matcher.group(3)) ? -modifier : modifier);
	}

	private static InvalidParameterException invalid(String message) {
		return new InvalidParameterException("roll", message);
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

	/**
	 * Roll the dice, one {@code between(1, sides)} per die in order.
	 * @param draws the draws
	 * @return the rolls and their total
	 */
	DiceResult roll(RandomDraws draws) {
		int[] rolls = new int[this.count];
		long total = this.modifier;
		for (int i = 0; i < this.count; i++) {
			rolls[i] = (int) draws.between(1, this.sides);
			total += rolls[i];
		}
		return new DiceResult(toString(), rolls, this.modifier, total);
	}

	/**
	 * The roll in canonical notation, {@code 2d6+3}.
	 */
	@Override
	public String toString() {
		String dice = this.count + "d" + this.sides;
		return (this.modifier == 0) ? dice : dice + ((this.modifier > 0) ? "+" : "") + this.modifier;
	}

}
