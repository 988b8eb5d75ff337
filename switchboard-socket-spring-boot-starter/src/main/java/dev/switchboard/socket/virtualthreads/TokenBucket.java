package dev.switchboard.socket.virtualthreads;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code rate} per second. Not
 * thread-safe: a UDP server's receive thread is its only user. Time comes from the
 * caller, so that tests control the clock.
 */
final class TokenBucket {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final double tokensPerNano;

	private final int burst;

	private double tokens;

	private long refilledAt;

	/**
	 * Create a full bucket.
	 * @param rate tokens added per second
	 * @param burst the most tokens held
	 * @param now the current time, in nanoseconds
	 */
	TokenBucket(int rate, int burst, long now) {
		this.tokensPerNano = rate / NANOS_PER_SECOND;
		this.burst = burst;
		this.tokens = burst;
		this.refilledAt = now;
	}

	/**
	 * Take a token if one is left.
	 * @param now the current time, in nanoseconds
	 * @return whether a token was taken
	 */
	boolean tryTake(long now) {
		long elapsed = now - this.refilledAt;
		if (elapsed > 0) {
			this.tokens = Math.min(this.burst, this.tokens + elapsed * this.tokensPerNano);
			this.refilledAt = now;
		}
		if (this.tokens < 1) {
			return false;
		}
		this.tokens--;
		return true;
	}

}
