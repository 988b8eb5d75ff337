package dev.switchboard.socket.server;

import java.time.Duration;

/**
 * Durations written for people, in messages sent to clients and logs ({@code 30s},
 * {@code 1500ms}, {@code 5m}).
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Describe a duration in its largest exact unit.
	 * @param duration the duration
	 * @return for example {@code 30s}
	 */
	public static String describe(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 60_000 == 0 && millis > 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return millis + "ms";
	}

}
