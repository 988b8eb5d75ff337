package dev.switchboard.messaging.chat;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.switchboard.messaging.system.MessagingProperties;

/**
 * The chat's roster of this replica's connections, its name, its arrivals' reads and its
 * meters. The fan-out and the presence, which depend on how replicas share the chat, come
 * from the {@code cluster} package.
 */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

	@Bean
	ChatRoster chatRoster(MessagingProperties properties) {
		return new ChatRoster(properties.chat().presenceBroadcastLimit());
	}

	@Bean
	ChatReplica chatReplica(MessagingProperties properties) {
		return new ChatReplica(properties.replicaId());
	}

	@Bean
	RateLimiters chatRateLimiters(MessagingProperties properties) {
		return new RateLimiters(properties.chat(), System::nanoTime);
	}

	@Bean
	ArrivalReads chatArrivalReads(MessagingProperties properties) {
		return new ArrivalReads(properties.chat().arrivalThreads());
	}

	@Bean
	ChatMetrics chatMetrics(ChatRoster roster) {
		return new ChatMetrics(roster);
	}

}
