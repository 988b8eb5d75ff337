package dev.switchboard.messaging.cluster;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import dev.switchboard.messaging.system.MessagingProperties.Cluster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the chat chooses between one replica and Redis, from the environment it starts
 * with.
 */
class ClusterModeTests {

	@Test
	void shouldStayInProcessWhenNoRedisIsConfigured() {
		assertThat(ClusterConfiguration.usesRedis(Cluster.AUTO, new MockEnvironment())).isFalse();
		assertThat(ClusterConfiguration.usesRedis(Cluster.AUTO,
				new MockEnvironment().withProperty("spring.data.redis.host", "")))
			.isFalse();
	}

	@Test
	void shouldUseRedisWhenItsHostOrUrlIsSet() {
		assertThat(ClusterConfiguration.usesRedis(Cluster.AUTO,
				new MockEnvironment().withProperty("spring.data.redis.host", "redis")))
			.isTrue();
		assertThat(ClusterConfiguration.usesRedis(Cluster.AUTO,
				new MockEnvironment().withProperty("spring.data.redis.url", "redis://redis:6379")))
			.isTrue();
	}

	@Test
	void shouldFollowAnExplicitChoice() {
		MockEnvironment configured = new MockEnvironment().withProperty("spring.data.redis.host", "redis");
		assertThat(ClusterConfiguration.usesRedis(Cluster.IN_PROCESS, configured)).isFalse();
		assertThat(ClusterConfiguration.usesRedis(Cluster.REDIS, new MockEnvironment())).isTrue();
	}

}
