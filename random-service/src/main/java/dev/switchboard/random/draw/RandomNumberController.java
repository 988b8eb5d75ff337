package dev.switchboard.random.draw;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.switchboard.random.draw.RandomParameters.COUNT;
import static dev.switchboard.random.draw.RandomParameters.SEED;

/**
 * Random numbers: the course's integers and floats, and normal deviates.
 */
@RestController
@RequestMapping("/api/random")
@Tag(name = "random", description = "Random values; give a seed to make any answer reproducible")
class RandomNumberController {

	private final RandomProperties limits;

	RandomNumberController(RandomProperties limits) {
		this.limits = limits;
	}

	@GetMapping("/int")
	@Operation(summary = "Random integers in [min, max], both inclusive",
			description = "One JSON number, or with n a JSON array of n numbers. Any range of 64-bit integers, "
					+ "without bias (numbers beyond 2^53 lose precision in JavaScript clients).")
	@ApiResponse(responseCode = "200", description = "A number, or an array of n numbers",
			content = @Content(mediaType = "application/json", schema = @Schema(oneOf = { Long.class, long[].class }),
					examples = { @ExampleObject(name = "one", value = "42"),
							@ExampleObject(name = "n=5", value = "[17, 93, 0, 42, 100]") }))
	@ApiResponse(responseCode = "400", description = "Invalid 'min': must be less than or equal to max (100).")
	Object integers(@Parameter(description = COUNT, example = "20") @RequestParam(required = false) Integer n,
			@Parameter(description = "Smallest value", example = "0") @RequestParam(defaultValue = "0") long min,
			@Parameter(description = "Largest value", example = "100") @RequestParam(defaultValue = "100") long max,
			@Parameter(description = SEED, example = "42") @RequestParam(required = false) Long seed) {
		RandomParameters.requireCount(n, this.limits);
		RandomParameters.requireOrdered(min, max);
		RandomDraws draws = RandomDraws.forNumbers(seed);
		return longs(n, () -> draws.between(min, max));
	}

	@GetMapping("/float")
	@Operation(summary = "Random floating-point numbers in [min, max)",
			description = "One JSON number, or with n a JSON array of n numbers; [0, 1) by default.")
	@ApiResponse(responseCode = "200", description = "A number, or an array of n numbers",
			content = @Content(mediaType = "application/json",
					schema = @Schema(oneOf = { Double.class, double[].class }),
					examples = { @ExampleObject(name = "one", value = "0.7275636800328681"),
							@ExampleObject(name = "n=3", value = "[0.1134, 0.9821, 0.5003]") }))
	@ApiResponse(responseCode = "400", description = "Invalid 'min': must be less than max (1.0).")
	Object floats(@Parameter(description = COUNT, example = "20") @RequestParam(required = false) Integer n,
			@Parameter(description = "Lower bound, included",
					example = "0") @RequestParam(defaultValue = "0") double min,
			@Parameter(description = "Upper bound, excluded",
					example = "1") @RequestParam(defaultValue = "1") double max,
			@Parameter(description = SEED, example = "42") @RequestParam(required = false) Long seed) {
		RandomParameters.requireCount(n, this.limits);
		RandomParameters.requireInterval(min, max);
		RandomDraws draws = RandomDraws.forNumbers(seed);
		return doubles(n, () -> draws.between(min, max));
	}

	@GetMapping("/gaussian")
	@Operation(summary = "Normally distributed random numbers",
			description = "Box-Muller transform: mean + stddev * sqrt(-2 ln(1 - u1)) * cos(2 pi u2). "
					+ "One JSON number, or with n a JSON array of n numbers.")
	@ApiResponse(responseCode = "200", description = "A number, or an array of n numbers",
			content = @Content(mediaType = "application/json",
					schema = @Schema(oneOf = { Double.class, double[].class }),
					examples = { @ExampleObject(name = "one", value = "-0.4123"),
							@ExampleObject(name = "mean=170&stddev=10&n=3", value = "[172.3, 158.9, 181.0]") }))
	@ApiResponse(responseCode = "400", description = "Invalid 'stddev': must be greater than or equal to 0.")
	Object gaussian(@Parameter(description = COUNT, example = "20") @RequestParam(required = false) Integer n,
			@Parameter(description = "Mean, between -1e300 and 1e300",
					example = "0") @RequestParam(defaultValue = "0") double mean,
			@Parameter(description = "Standard deviation, between 0 and 1e300",
					example = "1") @RequestParam(defaultValue = "1") @PositiveOrZero double stddev,
			@Parameter(description = SEED, example = "42") @RequestParam(required = false) Long seed) {
		RandomParameters.requireCount(n, this.limits);
		RandomParameters.requireModerate("mean", mean);
		RandomParameters.requireModerate("stddev", stddev);
		RandomDraws draws = RandomDraws.forNumbers(seed);
		return doubles(n, () -> draws.gaussian(mean, stddev));
	}

	private static Object longs(Integer n, LongSupplier next) {
		if (n == null) {
			return next.getAsLong();
		}
		long[] values = new long[n];
		for (int i = 0; i < n; i++) {
			values[i] = next.getAsLong();
		}
		return values;
	}

	private static Object doubles(Integer n, DoubleSupplier next) {
		if (n == null) {
			return next.getAsDouble();
		}
		double[] values = new double[n];
		for (int i = 0; i < n; i++) {
			values[i] = next.getAsDouble();
		}
		return values;
	}

}
