package dev.switchboard.chatclient;

import java.net.URI;
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
