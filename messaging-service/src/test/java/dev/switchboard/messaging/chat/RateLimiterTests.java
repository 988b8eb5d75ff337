package dev.switchboard.messaging.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

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
		RateLimiter limiter = new RateLimiter(20, 1);
		assertThat(limiter.tryAcquire()).isTrue();
		await().until(limiter::tryAcquire);
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
