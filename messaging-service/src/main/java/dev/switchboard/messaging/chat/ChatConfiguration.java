package dev.switchboard.messaging.chat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The chat's roster and fan-out. The fan-out is in-process unless another
 * {@link ChatFanout} bean (a broker-backed one) is defined.
 */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

	@Bean
	ChatRoster chatRoster() {
		return new ChatRoster();
	}

	@Bean
	ChatMetrics chatMetrics(ChatRoster roster) {
		return new ChatMetrics(roster);
	}

	@Bean
	@ConditionalOnMissingBean(ChatFanout.class)
	ChatFanout inProcessChatFanout(ChatRoster roster) {
		return new InProcessChatFanout(roster);
	}

}
