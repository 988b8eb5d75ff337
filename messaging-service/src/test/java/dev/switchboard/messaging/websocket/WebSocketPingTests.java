package dev.switchboard.messaging.websocket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.switchboard.messaging.MessagingIntegrationTest;
import dev.switchboard.messaging.RawWebSocket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6455 pings sent to the chat are answered at once with a pong carrying the same
 * payload, before and after authentication, although the client sends nothing else that
 * would make the server write.
 */
class WebSocketPingTests extends MessagingIntegrationTest {

	private static final Duration WITHIN = Duration.ofSeconds(1);

	@Test
	void shouldAnswerAPingWithAPongBeforeAuthenticating() {
		try (RawWebSocket socket = RawWebSocket.open(this.port, "/ws/chat")) {
			byte[] payload = "before auth 42".getBytes(StandardCharsets.UTF_8);
			socket.sendPing(payload);
			RawWebSocket.Frame pong = socket.next(WITHIN);
			assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
			assertThat(pong.payload()).isEqualTo(payload);
		}
	}

	@Test
	void shouldAnswerAPingWithAPongOnceAuthenticated() {
		Registered alice = register("alice");
		try (RawWebSocket socket = RawWebSocket.open(this.port, "/ws/chat")) {
			socket.sendText("{\"type\":\"auth\",\"token\":\"" + alice.token() + "\"}");
			assertThat(socket.nextOfType(RawWebSocket.TEXT, Duration.ofSeconds(10)).text()).contains("\"welcome\"");
			for (int i = 0; i < 3; i++) {
				byte[] payload = ("ping " + i).getBytes(StandardCharsets.UTF_8);
				socket.sendPing(payload);
				RawWebSocket.Frame pong = socket.nextOfType(RawWebSocket.PONG, WITHIN);
				assertThat(pong.payload()).isEqualTo(payload);
			}
		}
	}

	@Test
	void shouldAnswerAnEmptyPing() {
		try (RawWebSocket socket = RawWebSocket.open(this.port, "/ws/chat")) {
			socket.sendPing(new byte[0]);
			RawWebSocket.Frame pong = socket.next(WITHIN);
			assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
			assertThat(pong.payload()).isEmpty();
		}
	}

}
