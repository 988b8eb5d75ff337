package dev.switchboard.messaging.tcp;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.switchboard.messaging.chat.ChatReplica;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.chat.RateLimiters;
import dev.switchboard.messaging.system.MessagingProperties;
import dev.switchboard.socket.server.SocketConnection;
import dev.switchboard.socket.server.SocketHandler;

/**
 * The TCP line chat (port 3002): the handler of the raw-socket starter's server named
 * {@code chat} ({@code switchboard.socket.servers.chat.*}).
 */
@Configuration(proxyBeanMethods = false)
class TcpChatConfiguration {

	@Bean
	SignInDeadlines tcpChatSignInDeadlines() {
		return new SignInDeadlines();
	}

	@Bean("chat")
	SocketHandler chatSocketHandler(ChatService chat, MessagingProperties properties, SignInDeadlines deadlines,
			ChatReplica replica, RateLimiters rateLimiters) {
		return new SocketHandler() {

			@Override
			public void handle(SocketConnection connection) {
				new TcpChatSession(replica.newConnectionId("tcp"), connection, chat, rateLimiters.newLimiter(),
						deadlines, properties.tcp().signInTimeout())
					.run();
			}

			@Override
			public Set<String> refusalReasons() {
				return Set.of(TcpChatSession.SIGN_IN_TIMEOUT);
			}

		};
	}

}
