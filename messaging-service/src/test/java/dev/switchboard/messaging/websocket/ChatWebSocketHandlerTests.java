package dev.switchboard.messaging.websocket;

import java.util.Map;

import dev.switchboard.messaging.chat.ChatReplica;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.chat.RateLimiters;
import dev.switchboard.messaging.system.MessagingProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Tests for {@link ChatWebSocketHandler}'s count of open sockets against
 * {@code max-sessions}, including sockets whose handshakes passed the check at the same
 * moment.
 */
class ChatWebSocketHandlerTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ChatWebSocketHandler handler = new ChatWebSocketHandler(mock(WebSocketFrames.class),
			mock(WebSocketCommands.class), new WebSocketRefusals(this.registry),
			new Binder(new MapConfigurationPropertySource(Map.of("switchboard.messaging.websocket.max-sessions", "2")))
				.bindOrCreate("switchboard.messaging", MessagingProperties.class),
			mock(ChatService.class), mock(RateLimiters.class), new ChatReplica("test"), this.registry);

	@Test
	void shouldCloseWithTryAgainLaterASocketBeyondMaxSessionsAndMakeRoomWhenOneCloses() throws Exception {
		WebSocketSession first = session("1");
		WebSocketSession second = session("2");
		WebSocketSession third = session("3");
		this.handler.afterConnectionEstablished(first);
		assertThat(this.handler.isFull()).isFalse();
		this.handler.afterConnectionEstablished(second);
		assertThat(this.handler.isFull()).isTrue();
		this.handler.afterConnectionEstablished(third);
		then(third).should().close(CloseStatus.SERVICE_OVERLOAD.withReason("The chat is full, try again later"));
		then(first).should(never()).close(any());
		assertThat(
				this.registry.get("switchboard.chat.websocket.refused").tag("limit", "max-sessions").counter().count())
			.isEqualTo(1);
		assertThat(this.handler.connections()).hasSize(2);
		assertThat(sessionsGauge()).isEqualTo(2);
		// the refused socket's own close does not free a place it never had
		this.handler.afterConnectionClosed(third, CloseStatus.SERVICE_OVERLOAD);
		assertThat(this.handler.isFull()).isTrue();
		this.handler.afterConnectionClosed(first, CloseStatus.NORMAL);
		assertThat(this.handler.isFull()).isFalse();
		assertThat(sessionsGauge()).isEqualTo(1);
	}

	private double sessionsGauge() {
		return this.registry.get("switchboard.chat.websocket.sessions").gauge().value();
	}

	private static WebSocketSession session(String id) {
		WebSocketSession session = mock(WebSocketSession.class);
		given(session.getId()).willReturn(id);
		given(session.isOpen()).willReturn(true);
		return session;
	}

}
