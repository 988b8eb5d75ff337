package dev.switchboard.messaging.chat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RateLimiter}.
 */
class RateLimiterTests {

	@Test
	void shouldLetABurstThroughThenRefuse() {
		RateLimiter limiter = new RateLimiter(1, 40);
		for (int i = 0; i < 40; i++) {
			assertThat(limiter.tryAcquire()).isTrue();
		}
		assertThat(limiter.tryAcquire()).isFalse();
	}

	@Test
	void shouldRefillAtTheRate() {
		AtomicLong now = new AtomicLong();
		RateLimiter limiter = new RateLimiter(20, 40, now::get);
		assertThat(granted(limiter, 100)).isEqualTo(40);
		now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1000));
		assertThat(granted(limiter, 100)).isEqualTo(20);
		now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
		assertThat(granted(limiter, 100)).isEqualTo(1);
		now.addAndGet(TimeUnit.SECONDS.toNanos(60));
		assertThat(granted(limiter, 100)).as("never more than the burst").isEqualTo(40);
	}

	private static int granted(RateLimiter limiter, int attempts) {
		int granted = 0;
		for (int i = 0; i < attempts; i++) {
			granted += limiter.tryAcquire() ? 1 : 0;
		}
		return granted;
	}

	@Test
	void shouldDescribeItsLimit() {
		assertThat(new RateLimiter(20, 40).describe()).isEqualTo("at most 20 per second, in bursts of up to 40");
	}

	@Test
	void shouldRefuseNonPositiveSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(0, 1));
	}

}
