package dev.switchboard.chatclient;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Backoff}.
 */
class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(500));

	@Test
	void shouldDoubleTheDelayUpToTenSeconds() {
		assertThat(this.backoff.delay(1, 0)).isEqualTo(Duration.ofMillis(500));
		assertThat(this.backoff.delay(2, 0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.backoff.delay(3, 0)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.backoff.delay(5, 0)).isEqualTo(Duration.ofSeconds(8));
		assertThat(this.backoff.delay(6, 0)).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.backoff.delay(1000, 0)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void shouldCutEachDelayByARandomShareOfUpToHalf() {
		assertThat(this.backoff.delay(3, 0.5)).isEqualTo(Duration.ofMillis(1500));
		assertThat(this.backoff.delay(3, 0.999_999)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.backoff.delay(1000, 0.999_999)).isEqualTo(Duration.ofSeconds(5));
		assertThat(new Backoff(Duration.ofMillis(1)).delay(1, 0.999_999)).isEqualTo(Duration.ofMillis(1));
	}

}
