package dev.switchboard.random.draw;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The outcome of a dice roll.
 *
 * @param roll the roll, in canonical notation
 * @param rolls each die, in order
 * @param modifier the modifier added to the dice
 * @param total the sum of the dice and the modifier
 */
@Schema(description = "The outcome of a dice roll")
record DiceResult(@Schema(example = "2d6+3") String roll, @Schema(example = "[4, 6]") int[] rolls,
		@Schema(example = "3") long modifier, @Schema(example = "13") long total) {

}
