package dev.switchboard.random.draw;

import dev.switchboard.service.problem.InvalidParameterException;

/**
 * The checks shared by the random endpoints whose bounds come from configuration or from
 * another parameter (fixed bounds are Bean Validation annotations on the parameters).
 */
final class RandomParameters {

	/** The description of every {@code seed} parameter. */
	static final String SEED = "Makes the answer reproducible: the same seed and parameters always give the same "
			+ "values. Seeded values come from SplitMix64 (the sequence of new java.util.SplittableRandom(seed)"
			+ ".nextLong()) through the derivations the README documents. Without a seed, numbers come from "
			+ "ThreadLocalRandom and UUIDs, bytes and strings from SecureRandom.";

	/** The description of every {@code n} parameter. */
	static final String COUNT = "How many values: when given (even n=1) the answer is a JSON array. "
			+ "At most switchboard.random.max-count (default 10000).";

	// |mean| and stddev stay below this, so that mean + stddev * z (|z| < 9) stays finite
	static final double MAX_MAGNITUDE = 1e300;

	private RandomParameters() {
	}

	static void requireCount(Integer n, RandomProperties limits) {
		if (n != null && (n < 1 || n > limits.maxCount())) {
			throw new InvalidParameterException("n", "must be between 1 and " + limits.maxCount());
		}
	}

	static void requireOrdered(long min, long max) {
		if (min > max) {
			throw new InvalidParameterException("min", "must be less than or equal to max (" + max + ")");
		}
	}

	static void requireInterval(double min, double max) {
		if (!Double.isFinite(min)) {
			throw new InvalidParameterException("min", "must be a finite number");
		}
		if (!Double.isFinite(max)) {
			throw new InvalidParameterException("max", "must be a finite number");
		}
		if (!(min < max)) {
			throw new InvalidParameterException("min", "must be less than max (" + max + ")");
		}
	}

	static void requireModerate(String name, double value) {
		if (!Double.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
			throw new InvalidParameterException(name, "must be a finite number between -1e300 and 1e300");
		}
	}

}
