package dev.switchboard.messaging.cluster;

import io.lettuce.core.ClientOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.StringUtils;

import dev.switchboard.messaging.chat.ChatFanout;
import dev.switchboard.messaging.chat.ChatReplica;
import dev.switchboard.messaging.chat.ChatRoster;
import dev.switchboard.messaging.chat.Presence;
import dev.switchboard.messaging.chat.RoomOrder;
import dev.switchboard.messaging.system.MessagingProperties;

/**
 * Chooses how the chat is shared ({@code switchboard.messaging.cluster}) when the
 * application starts: one bean picks the implementation from the run-time environment,
 * rather than conditions that ahead-of-time processing would evaluate at build time.
 */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

	@Bean
	ChatCluster chatCluster(MessagingProperties properties, Environment environment, ChatRoster roster,
			ChatReplica replica, ObjectProvider<RedisConnectionFactory> redis, JsonMapper json,
			ObjectProvider<HealthContributorRegistry> health) {
		if (!usesRedis(properties.cluster(), environment)) {
			return ChatCluster.inProcess(roster);
		}
		RedisConnectionFactory connectionFactory = redis.getIfAvailable();
		if (connectionFactory == null) {
			throw new IllegalStateException(
					"switchboard.messaging.cluster asks for Redis, but no Redis connection factory is configured");
		}
		return ChatCluster.redis(roster, replica, properties.redis(), connectionFactory, json, health);
	}

	@Bean
	ChatFanout chatFanout(ChatCluster cluster) {
		return cluster.fanout();
	}

	@Bean
	Presence chatPresence(ChatCluster cluster) {
		return cluster.presence();
	}

	@Bean
	RoomOrder chatRoomOrder(ChatCluster cluster) {
		return cluster.roomOrder();
	}

	/**
	 * While Redis is unreachable, a command fails at once instead of waiting in a queue:
	 * the chat then serves this replica's own clients. Lettuce reconnects by itself (and
	 * the subscription is renewed) once Redis is back.
	 * @return the customizer of Lettuce's client options
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer chatLettuceClientOptions() {
		return (options) -> options.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

	/**
	 * Tell whether the chat uses Redis.
	 * @param cluster the configured mode
	 * @param environment the run-time environment
	 * @return {@code true} for {@code redis}, and for {@code auto} when
	 * {@code spring.data.redis.host} or {@code spring.data.redis.url} is set
	 */
	static boolean usesRedis(MessagingProperties.Cluster cluster, Environment environment) {
		return switch (cluster) {
			case REDIS -> true;
			case IN_PROCESS -> false;
			case AUTO -> StringUtils.hasText(environment.getProperty("spring.data.redis.host"))
					|| StringUtils.hasText(environment.getProperty("spring.data.redis.url"));
		};
	}

}
