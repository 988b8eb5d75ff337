package dev.switchboard.random.draw;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.node.StringNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.service.problem.InvalidParameterException;

import static dev.switchboard.random.draw.RandomParameters.SEED;

/**
 * Games of chance: dice, shuffles and picks from a list.
 */
@RestController
@RequestMapping("/api/random")
class RandomChoiceController {

	private static final String ITEMS = "The list, comma-separated (items=a,b,c) or repeated "
			+ "(items=a&items=b,c for items that contain commas). At most switchboard.random.max-items (default 10000).";

	private final RandomProperties limits;

	RandomChoiceController(RandomProperties limits) {
		this.limits = limits;
	}

	@GetMapping("/dice")
	@Operation(summary = "Roll dice in dice notation",
			description = "NdS+M: N dice (default 1) of S sides, plus or minus M: 2d6+3, d20, 4d8-2, d% (d100). "
					+ "An unencoded + in a URL reads as a space, which is accepted as plus (or encode it, %2B). "
					+ "At most switchboard.random.max-dice dice (default 1000) of up to max-sides sides.")
	@ApiResponse(responseCode = "200", description = "Each die and the total")
	@ApiResponse(responseCode = "400",
			description = "Invalid 'roll': must be dice notation NdS, NdS+M or NdS-M (such as 2d6+3 or d20), got '2x6'.")
	DiceResult dice(@Parameter(description = "The roll", example = "2d6+3") @RequestParam String roll,
			@Parameter(description = SEED, example = "42") @RequestParam(required = false) Long seed) {
		return DiceRoll.parse(roll, this.limits).roll(RandomDraws.forNumbers(seed));
	}

	@GetMapping("/shuffle")
	@Operation(summary = "Shuffle a list", description = "Fisher-Yates: every order is equally likely.")
	@ApiResponse(responseCode = "200", description = "The items in a random order",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = String[].class),
					examples = @ExampleObject(value = "[\"c\", \"a\", \"b\"]")))
	@ApiResponse(responseCode = "400", description = "Invalid 'items': must list between 1 and 10000 items.")
	List<String> shuffle(@Parameter(description = ITEMS, example = "a,b,c") @RequestParam List<String> items,
			@Parameter(description = SEED, example = "42") @RequestParam(required = false) Long seed) {
		requireItems(items);
		return RandomDraws.forNumbers(seed).pick(items, items.size());
	}

	@GetMapping("/pick")
	@Operation(summary = "Pick items from a list, without replacement",
			description = "One JSON string, or with k a JSON array of k distinct positions of the list, "
					+ "in the order drawn.")
	@ApiResponse(responseCode = "200", description = "An item, or an array of k items",
			content = @Content(mediaType = "application/json",
					schema = @Schema(oneOf = { String.class, String[].class }),
					examples = { @ExampleObject(name = "one", value = "\"bob\""),
							@ExampleObject(name = "k=2", value = "[\"carol\", \"alice\"]") }))
	@ApiResponse(responseCode = "400", description = "Invalid 'k': must be between 1 and the number of items (3).")
	Object pick(@Parameter(description = ITEMS, example = "alice,bob,carol") @RequestParam List<String> items,
			@Parameter(description = "How many items to pick", example = "2") @RequestParam(required = false) Integer k,
			@Parameter(description = SEED, example = "42") @RequestParam(required = false) Long seed) {
		requireItems(items);
		if (k != null && (k < 1 || k > items.size())) {
			throw new InvalidParameterException("k",
					"must be between 1 and the number of items (" + items.size() + ")");
		}
		List<String> picked = RandomDraws.forNumbers(seed).pick(items, (k != null) ? k : 1);
		// one item is a JSON string: a String return value would be written as plain text
		return (k != null) ? picked : StringNode.valueOf(picked.getFirst());
	}

	private void requireItems(List<String> items) {
		if (items.isEmpty() || items.size() > this.limits.maxItems()) {
			throw new InvalidParameterException("items",
					"must list between 1 and " + this.limits.maxItems() + " items, got " + items.size());
		}
	}

}
