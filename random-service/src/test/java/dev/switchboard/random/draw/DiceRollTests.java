package dev.switchboard.random.draw;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.util.unit.DataSize;

import dev.switchboard.service.problem.InvalidParameterException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DiceRoll}.
 */
class DiceRollTests {

	private static final RandomProperties LIMITS = new RandomProperties(10_000, DataSize.ofKilobytes(64), 10_000,
			1_000_000, 10_000, 1000, 1_000_000);

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "2d6+3|2|6|3|2d6+3", "d20|1|20|0|1d20", "4d8-2|4|8|-2|4d8-2", "3D6|3|6|0|3d6", "d%|1|100|0|1d100",
					"' 2d6 + 3 '|2|6|3|2d6+3", "2d6 3|2|6|3|2d6+3",
					"1000d1000000-1000000|1000|1000000|-1000000|1000d1000000-1000000", "01d06|1|6|0|1d6" })
	void shouldParseDiceNotation(String notation, int count, int sides, long modifier, String canonical) {
		DiceRoll roll = DiceRoll.parse(notation, LIMITS);
		assertThat(roll).isEqualTo(new DiceRoll(count, sides, modifier));
		assertThat(roll).hasToString(canonical);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "2x6|must be dice notation NdS, NdS+M or NdS-M (such as 2d6+3 or d20), got '2x6'",
					"''|must be dice notation", "2d|must be dice notation", "d6+|must be dice notation",
					"2d6+3d4|must be dice notation", "-1d6|must be dice notation", "2.5d6|must be dice notation",
					"0d6|must roll between 1 and 1000 dice, got 0",
					"1001d6|must roll between 1 and 1000 dice, got 1001",
					"999999999d6|must roll between 1 and 1000 dice", "2d1|must use dice of 2 to 1000000 sides, got 1",
					"2d0|must use dice of 2 to 1000000 sides", "2d9999999999|must use dice of 2 to 1000000 sides",
					"2d6+1000001|must have a modifier of at most 1000000, got 1000001" })
	void shouldRejectInvalidNotationNamingTheRoll(String notation, String message) {
		assertThatExceptionOfType(InvalidParameterException.class).isThrownBy(() -> DiceRoll.parse(notation, LIMITS))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("roll"))
			.withMessageStartingWith("Invalid 'roll': " + message);
	}

	@Test
	void shouldRollEachDieWithinItsSidesAndAddTheModifier() {
		DiceRoll roll = DiceRoll.parse("50d6-10", LIMITS);
		DiceResult result = roll.roll(RandomDraws.forNumbers(12L));
		assertThat(result.roll()).isEqualTo("50d6-10");
		assertThat(result.rolls()).hasSize(50).contains(1, 6);
		assertThat(Arrays.stream(result.rolls()).boxed()).allMatch((die) -> die >= 1 && die <= 6);
		assertThat(result.total()).isEqualTo(Arrays.stream(result.rolls()).sum() - 10);
		assertThat(roll.roll(RandomDraws.forNumbers(12L))).usingRecursiveComparison().isEqualTo(result);
	}

}
