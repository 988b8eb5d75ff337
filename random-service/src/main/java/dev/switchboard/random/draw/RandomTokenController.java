package dev.switchboard.random.draw;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Min;
import tools.jackson.databind.node.StringNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.service.problem.InvalidParameterException;

import static dev.switchboard.random.draw.RandomParameters.COUNT;
import static dev.switchboard.random.draw.RandomParameters.SEED;

/**
 * Random UUIDs, bytes and strings: without a seed they come from {@code SecureRandom},
 * since people use them as identifiers and secrets.
 */
@RestController
@RequestMapping("/api/random")
class RandomTokenController {

	static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	static final int MAX_ALPHABET = 1000;

	private final RandomProperties limits;

	RandomTokenController(RandomProperties limits) {
		this.limits = limits;
	}

	@GetMapping("/uuid")
	@Operation(summary = "Random UUIDs (version 4)",
			description = "One JSON string, or with n a JSON array of n strings.")
	@ApiResponse(responseCode = "200", description = "A UUID, or an array of n UUIDs",
			content = @Content(mediaType = "application/json", schema = @Schema(oneOf = { UUID.class, UUID[].class }),
					examples = { @ExampleObject(name = "one", value = "\"3b241101-e2bb-4255-8caf-4136c566a962\""),
							@ExampleObject(name = "n=2",
									value = "[\"3b241101-e2bb-4255-8caf-4136c566a962\", "
											+ "\"9c5b94b1-35ad-49bb-b118-8e8fc24abf80\"]") }))
	@ApiResponse(responseCode = "400", description = "Invalid 'n': must be between 1 and 10000.")
	Object uuids(@Parameter(description = COUNT, example = "5") @RequestParam(required = false) Integer n,
			@Parameter(description = SEED, example = "42") @RequestParam(required = false) Long seed) {
		RandomParameters.requireCount(n, this.limits);
		RandomDraws draws = RandomDraws.forSecrets(seed);
		return many(n, draws::uuid);
	}

	@GetMapping("/bytes")
	@Operation(summary = "Random bytes, as one base64 or hex JSON string",
			description = "base64 is RFC 4648 with padding, base64url its URL-safe alphabet without padding, "
					+ "hex lower case. At most switchboard.random.max-bytes (default 64KB).")
	@ApiResponse(responseCode = "200", description = "The bytes, encoded",
			content = @Content(mediaType = "application/json", schema = @Schema(type = "string"),
					examples = { @ExampleObject(name = "size=16 (base64)", value = "\"q1d1J9mMqfPjLvxXyGYbBA==\""),
							@ExampleObject(name = "size=8&encoding=hex", value = "\"9f86d081884c7d65\"") }))
	@ApiResponse(responseCode = "400", description = "Invalid 'encoding': must be base64, base64url or hex.")
	Object bytes(
			@Parameter(description = "Number of bytes",
					example = "16") @RequestParam(defaultValue = "16") @Min(1) int size,
			@Parameter(description = "How the bytes are written",
					schema = @Schema(allowableValues = { "base64", "base64url", "hex" },
							defaultValue = "base64")) @RequestParam(defaultValue = "base64") String encoding,
			@Parameter(description = SEED, example = "42") @RequestParam(required = false) Long seed) {
		if (size > this.limits.maxBytes().toBytes()) {
			throw new InvalidParameterException("size", "must be at most " + this.limits.maxBytes().toBytes());
		}
		RandomDraws draws = RandomDraws.forSecrets(seed);
		String encoded = switch (encoding) {
			case "base64" -> Base64.getEncoder().encodeToString(draws.bytes(size));
			case "base64url" -> Base64.getUrlEncoder().withoutPadding().encodeToString(draws.bytes(size));
			case "hex" -> HexFormat.of().formatHex(draws.bytes(size));
			default -> throw new InvalidParameterException("encoding", "must be base64, base64url or hex");
		};
		// a JSON string: a String return value would be written as plain text
		return StringNode.valueOf(encoded);
	}

	@GetMapping("/string")
	@Operation(summary = "Random strings over an alphabet",
			description = "Each character is drawn from the alphabet with equal chances per position (repeat a "
					+ "character to weight it). Encode characters the query string reserves: + is %2B, & is %26, "
					+ "space is %20. One JSON string, or with n a JSON array of n strings.")
	@ApiResponse(responseCode = "200", description = "A string, or an array of n strings",
			content = @Content(mediaType = "application/json",
					schema = @Schema(oneOf = { String.class, String[].class }),
					examples = { @ExampleObject(name = "one", value = "\"q3ZbT9xKp2LmW8aR\""),
							@ExampleObject(name = "length=6&alphabet=ACGT&n=2", value = "[\"GATTAC\", \"CCATGA\"]") }))
	@ApiResponse(responseCode = "400", description = "Invalid 'alphabet': must have between 1 and 1000 characters.")
	Object strings(
			@Parameter(description = "Characters per string, at most switchboard.random.max-string-length "
					+ "(default 10000)", example = "16") @RequestParam(defaultValue = "16") @Min(1) int length,
			@Parameter(description = "The characters to draw from (Unicode allowed); default A-Z, a-z, 0-9",
					example = "ACGT") @RequestParam(defaultValue = ALPHANUMERIC) String alphabet,
			@Parameter(description = COUNT, example = "5") @RequestParam(required = false) Integer n,
			@Parameter(description = SEED, example = "42") @RequestParam(required = false) Long seed) {
		RandomParameters.requireCount(n, this.limits);
		if (length > this.limits.maxStringLength()) {
			throw new InvalidParameterException("length", "must be at most " + this.limits.maxStringLength());
		}
		if ((long) length * ((n != null) ? n : 1) > this.limits.maxStringCharacters()) {
			throw new InvalidParameterException("n",
					"times length must be at most " + this.limits.maxStringCharacters() + " characters");
		}
		int[] characters = alphabet.codePoints().toArray();
		if (characters.length < 1 || characters.length > MAX_ALPHABET) {
			throw new InvalidParameterException("alphabet",
					"must have between 1 and " + MAX_ALPHABET + " characters, got " + characters.length);
		}
		RandomDraws draws = RandomDraws.forSecrets(seed);
		return many(n, () -> StringNode.valueOf(draws.string(length, characters)));
	}

	private static Object many(Integer n, Supplier<?> next) {
		if (n == null) {
			return next.get();
		}
		List<Object> values = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			values.add(next.get());
		}
		return values;
	}

}
