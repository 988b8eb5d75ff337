package dev.switchboard.messaging;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The clock of the chat's rate limiters in tests: it follows {@link System#nanoTime()}
 * until a test freezes it, then moves only when the test advances it, so that a rate
 * limit can be measured exactly.
 */
public final class ControllableClock implements LongSupplier {

	private volatile long frozenAt;

	private volatile boolean frozen;

	@Override
	public long getAsLong() {
		return this.frozen ? this.frozenAt : System.nanoTime();
	}

	/**
	 * Stop the clock at the current time.
	 */
	public synchronized void freeze() {
		this.frozenAt = System.nanoTime();
		this.frozen = true;
	}

	/**
	 * Move a frozen clock forward.
	 * @param duration how far
	 */
	public synchronized void advance(Duration duration) {
		this.frozenAt += duration.toNanos();
	}

	/**
	 * Let the clock follow the system's again.
	 */
	public synchronized void release() {
		this.frozen = false;
	}

}
