package dev.switchboard.messaging.chat;

import java.util.function.LongSupplier;

import dev.switchboard.messaging.system.MessagingProperties;

/**
 * Makes the rate limiter of each new chat connection, WebSocket or TCP alike:
 * {@code switchboard.messaging.chat.rate-limit} per second, bursts of {@code rate-burst}.
 */
public class RateLimiters {

	private final int rate;

	private final int burst;

	private final LongSupplier clock;

	/**
	 * Create the factory.
	 * @param limits the chat's limits
	 * @param clock the time in nanoseconds ({@link System#nanoTime()}; tests may drive
	 * their own)
	 */
	public RateLimiters(MessagingProperties.Chat limits, LongSupplier clock) {
		this.rate = limits.rateLimit();
		this.burst = limits.rateBurst();
		this.clock = clock;
	}

	/**
	 * Return a full bucket for a new connection.
	 * @return the limiter
	 */
	public RateLimiter newLimiter() {
		return new RateLimiter(this.rate, this.burst, this.clock);
	}

}
