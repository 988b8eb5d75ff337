package dev.switchboard.chatclient;

import java.time.Duration;

/**
 * How long to wait before each attempt to reconnect: the first delay, doubled at each
 * attempt up to {@link #MAX_DELAY}, each cut by a random share of up to half (jitter, so
 * that the clients of a server that restarts do not all come back at the same moment).
 *
 * @param first the delay before the first attempt, at most {@link #MAX_DELAY}
 */
record Backoff(Duration first) {

	/** The longest wait between two attempts. */
	static final Duration MAX_DELAY = Duration.ofSeconds(10);

	/**
	 * Return the wait before an attempt.
	 * @param attempt the attempt, from 1
	 * @param random a number from 0 (included) to 1 (excluded), such as
	 * {@link Math#random()}
	 * @return the delay, from half of the doubled delay to all of it
	 */
	Duration delay(int attempt, double random) {
		long millis = this.first.toMillis();
		for (int i = 1; i < attempt && millis < MAX_DELAY.toMillis(); i++) {
			millis *= 2;
		}
		long capped = Math.min(millis, MAX_DELAY.toMillis());
		return Duration.ofMillis(Math.max(1, Math.round(capped * (1 - random / 2))));
	}

}
