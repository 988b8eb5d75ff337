package dev.switchboard.chatclient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ChatClientOptions}.
 */
class ChatClientOptionsTests {

	@Test
	void shouldGoThroughTheLocalGatewayByDefault() {
		ChatClientOptions options = ChatClientOptions.parse(new String[0], Map.of());
		assertThat(options.chat()).isEqualTo(URI.create("ws://localhost:8080/ws/chat"));
		assertThat(options.users()).isEqualTo(URI.create("http://localhost:8080/api/users"));
		assertThat(options.token()).isNull();
		assertThat(options.reconnectAttempts()).isEqualTo(10);
		assertThat(options.reconnectDelay()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void shouldReadHowToReconnect() {
		ChatClientOptions options = ChatClientOptions.parse(
				new String[] { "--reconnect-attempts", "0", "--reconnect-delay", "5", "--ping-interval", "50" },
				Map.of());
		assertThat(options.reconnectAttempts()).isZero();
		assertThat(options.reconnectDelay()).isEqualTo(Duration.ofMillis(5));
		assertThat(options.pingInterval()).isEqualTo(Duration.ofMillis(50));
		for (String[] bad : List.of(new String[] { "--reconnect-attempts", "-1" },
				new String[] { "--reconnect-attempts", "many" }, new String[] { "--reconnect-delay", "0" },
				new String[] { "--reconnect-delay", "10001" }, new String[] { "--ping-interval", "1" })) {
			assertThatIllegalArgumentException().isThrownBy(() -> ChatClientOptions.parse(bad, Map.of()))
				.withMessageStartingWith(bad[0] + " takes a whole number from ");
		}
	}

	@Test
	void shouldPreferArgumentsToTheEnvironment() {
		ChatClientOptions options = ChatClientOptions.parse(
				new String[] { "--url", "wss://chat.example/ws/chat", "--token", "t2" }, Map.of("SWITCHBOARD_CHAT_URL",
						"ws://env:1/ws/chat", "SWITCHBOARD_CHAT_TOKEN", "t1", "SWITCHBOARD_CHAT_NICKNAME", "alice"));
		assertThat(options.chat()).isEqualTo(URI.create("wss://chat.example/ws/chat"));
		assertThat(options.users()).isEqualTo(URI.create("https://chat.example/api/users"));
		assertThat(options.token()).isEqualTo("t2");
		assertThat(options.nickname()).isEqualTo("alice");
	}

	@Test
	void shouldRefuseBadOptions() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatClientOptions.parse(new String[] { "--url", "http://x/ws/chat" }, Map.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatClientOptions.parse(new String[] { "--colour", "red" }, Map.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatClientOptions.parse(new String[] { "--token" }, Map.of()));
	}

}
