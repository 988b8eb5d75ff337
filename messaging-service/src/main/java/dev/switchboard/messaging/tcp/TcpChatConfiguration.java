package dev.switchboard.messaging.tcp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.chat.RateLimiter;
import dev.switchboard.messaging.system.MessagingProperties;
import dev.switchboard.socket.server.SocketHandler;

/**
 * The TCP line chat (port 3002): the handler of the raw-socket starter's server named
 * {@code chat} ({@code switchboard.socket.servers.chat.*}).
 */
@Configuration(proxyBeanMethods = false)
class TcpChatConfiguration {

	@Bean("chat")
	SocketHandler chatSocketHandler(ChatService chat, MessagingProperties properties) {
		MessagingProperties.Chat limits = properties.chat();
		int sendBufferLimit = (int) properties.tcp().sendBufferLimit().toBytes();
		return (connection) -> new TcpChatSession(connection, chat, new TcpOutbox(connection, sendBufferLimit),
				new RateLimiter(limits.rateLimit(), limits.rateBurst()))
			.run();
	}

}
