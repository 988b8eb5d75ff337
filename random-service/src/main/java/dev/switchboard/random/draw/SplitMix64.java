package dev.switchboard.random.draw;

import java.util.random.RandomGenerator;

/**
 * The seeded generator: SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014), the same 64-bit sequence as
 * {@code new java.util.SplittableRandom(seed).nextLong()}, written out here so that the
 * values of a seed never change with the JDK.
 * <p>
 * {@code state += 0x9e3779b97f4a7c15; z = state; z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9;
 * z = (z ^ (z >>> 27)) * 0x94d049bb133111eb; return z ^ (z >>> 31);}
 */
final class SplitMix64 implements RandomGenerator {

	private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

	private long state;

	SplitMix64(long seed) {
		this.state = seed;
	}

	@Override
	public long nextLong() {
		this.state += GOLDEN_GAMMA;
		long z = this.state;
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
