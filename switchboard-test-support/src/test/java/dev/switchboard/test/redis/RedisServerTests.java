package dev.switchboard.test.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisServer}.
 */
class RedisServerTests {

	@Test
	void shouldStartStopAndStartAgainOnTheSamePort() {
		try (RedisServer redis = RedisServer.start()) {
			int port = redis.port();
			assertThat(redis.answersPing()).isTrue();
			assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + port);
			redis.stop();
			assertThat(redis.isRunning()).isFalse();
			assertThat(redis.answersPing()).isFalse();
			redis.restart();
			assertThat(redis.port()).isEqualTo(port);
			assertThat(redis.answersPing()).isTrue();
			redis.kill();
			assertThat(redis.answersPing()).isFalse();
		}
	}

}
