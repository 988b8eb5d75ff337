package dev.switchboard.random.draw;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Draws every kind of random value from a stream of 64-bit words, using only
 * {@link RandomGenerator#nextLong()}: each derivation below is part of the documented
 * algorithm, so a seed gives the same values on any JDK (and in any language that
 * implements SplitMix64 and these few lines).
 */
final class RandomDraws {

	private static final SecureRandom SECURE = new SecureRandom();

	private static final double TWO_PI = 2 * Math.PI;

	private final RandomGenerator words;

	private RandomDraws(RandomGenerator words) {
		this.words = words;
	}

	/**
	 * Numbers: SplitMix64 with the seed, else {@link ThreadLocalRandom} (fast,
	 * unpredictable enough for numbers, not for secrets).
	 * @param seed the seed or {@code null}
	 * @return the draws
	 */
	static RandomDraws forNumbers(Long seed) {
		return new RandomDraws((seed != null) ? new SplitMix64(seed) : ThreadLocalRandom.current());
	}

	/**
	 * Values people use as secrets (UUIDs, bytes, strings): SplitMix64 with the seed,
	 * else {@link SecureRandom}.
	 * @param seed the seed or {@code null}
	 * @return the draws
	 */
	static RandomDraws forSecrets(Long seed) {
		return new RandomDraws((seed != null) ? new SplitMix64(seed) : SECURE);
	}

	static RandomDraws of(RandomGenerator words) {
		return new RandomDraws(words);
	}

	/**
	 * A long in {@code [min, max]}, both inclusive, any range up to the full 64 bits:
	 * {@code range = max - min + 1} (unsigned); a word {@code w} below
	 * {@code 2^64 mod range} is rejected (no modulo bias); the result is
	 * {@code min + (w mod range)}, unsigned.
	 */
	long between(long min, long max) {
		long range = max - min + 1;
		if (range == 0) {
			// the whole 64-bit range
			return this.words.nextLong();
		}
		long threshold = Long.remainderUnsigned(-range, range);
		long word = this.words.nextLong();
		while (Long.compareUnsigned(word, threshold) < 0) {
			word = this.words.nextLong();
		}
		return min + Long.remainderUnsigned(word, range);
	}

	/**
	 * A double in {@code [0, 1)}: the top 53 bits of a word times {@code 2^-53}.
	 */
	double unit() {
		return (this.words.nextLong() >>> 11) * 0x1.0p-53;
	}

	/**
	 * A double in {@code [min, max)}: {@code (1 - u) * min + u * max} with {@code u} from
	 * {@link #unit()} (never overflows), rounded down below {@code max} when the
	 * arithmetic lands on it.
	 */
	double between(double min, double max) {
		double u = unit();
		double value = (1 - u) * min + u * max;
		return (value < max) ? Math.max(value, min) : Math.nextDown(max);
	}

	/**
	 * A normal deviate (Box-Muller, cosine branch, {@link StrictMath}):
	 * {@code mean + stddev * sqrt(-2 ln(1 - u1)) * cos(2 pi u2)}, two words per value.
	 */
	double gaussian(double mean, double stddev) {
		double u1 = unit();
		double u2 = unit();
		double z = StrictMath.sqrt(-2 * StrictMath.log(1 - u1)) * StrictMath.cos(TWO_PI * u2);
		return mean + stddev * z;
	}

	/**
	 * A version 4 UUID: two words (most, then least significant bits) with the version
	 * and variant bits set.
	 */
	UUID uuid() {
		long most = (this.words.nextLong() & ~0xF000L) | 0x4000L;
		long least = (this.words.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
		return new UUID(most, least);
	}

	/**
	 * {@code size} bytes: each word gives 8 bytes, least significant first.
	 */
	byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		long word = 0;
		for (int i = 0; i < size; i++) {
			if (i % 8 == 0) {
				word = this.words.nextLong();
			}
			bytes[i] = (byte) word;
			word >>>= 8;
		}
		return bytes;
	}

	/**
	 * {@code length} code points, each {@code alphabet[between(0, alphabet.length - 1)]}.
	 */
	String string(int length, int[] alphabet) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(alphabet[(int) between(0, alphabet.length - 1)]);
		}
		return text.toString();
	}

	/**
	 * The first {@code count} items of a Fisher-Yates shuffle: for {@code i} from 0, swap
	 * item {@code i} with item {@code between(i, size - 1)}. With {@code count == size}
	 * it is the whole shuffle.
	 */
	<T> List<T> pick(List<T> items, int count) {
		List<T> pool = new ArrayList<>(items);
		for (int i = 0; i < count && i < pool.size() - 1; i++) {
			int j = (int) between(i, pool.size() - 1);
			pool.set(i, pool.set(j, pool.get(i)));
		}
		return List.copyOf(pool.subList(0, count));
	}

}
