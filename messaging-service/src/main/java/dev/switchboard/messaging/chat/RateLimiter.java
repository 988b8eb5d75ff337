package dev.switchboard.messaging.chat;

import java.util.function.LongSupplier;

/**
 * A token bucket for one connection: {@code rate} frames per second on average, up to
 * {@code burst} at once. Each connection has its own, so a busy client never slows
 * another one down.
 */
public final class RateLimiter {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final int rate;

	private final int burst;

	private final long nanosPerToken;

	private final LongSupplier clock;

	private double tokens;

	private long refilledAt;

	/**
	 * Create a full bucket on the system's clock.
	 * @param rate tokens added per second
	 * @param burst the bucket's size
	 */
	public RateLimiter(int rate, int burst) {
		this(rate, burst, System::nanoTime);
	}

	/**
	 * Create a full bucket.
	 * @param rate tokens added per second
	 * @param burst the bucket's size
	 * @param clock the time in nanoseconds, as {@link System#nanoTime()} tells it
	 */
	public RateLimiter(int rate, int burst, LongSupplier clock) {
		if (rate < 1 || burst < 1) {
			throw new IllegalArgumentException("rate and burst must be positive");
		}
		this.rate = rate;
		this.burst = burst;
		this.nanosPerToken = NANOS_PER_SECOND / rate;
		this.clock = clock;
		this.tokens = burst;
		this.refilledAt = clock.getAsLong();
	}

	/**
	 * Take a token if there is one.
	 * @return whether the frame may go through
	 */
	public synchronized boolean tryAcquire() {
		long now = this.clock.getAsLong();
		this.tokens = Math.min(this.burst, this.tokens + (double) (now - this.refilledAt) / this.nanosPerToken);
		this.refilledAt = now;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

	/**
	 * Describe the limit, for error messages.
	 * @return a sentence
	 */
	public String describe() {
		return "at most " + this.rate + " per second, in bursts of up to " + this.burst;
	}

}
