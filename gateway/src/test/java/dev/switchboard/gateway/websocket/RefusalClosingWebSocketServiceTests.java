package dev.switchboard.gateway.websocket;

import java.net.SocketException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * What the client's close status says when the service's side of a relayed WebSocket
 * fails (without this wrapper: 1002, protocol error, for all of them).
 */
class RefusalClosingWebSocketServiceTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void shouldCloseWithServerErrorAndTheCauseWhenTheConnectionToTheServiceCannotBeMade() {
		WebSocketSession session = openSession();
		relay(session, new IllegalStateException("io.netty.channel.unix.Errors$NativeIoException: newSocketStream",
				new SocketException("newSocketStream(..) failed with error(-24): Too many open files")));
		CloseStatus status = closedWith(session);
		assertThat(status.getCode()).isEqualTo(1011);
		assertThat(status.getReason()).isEqualTo(
				"The gateway's connection to the service failed: newSocketStream(..) failed with error(-24): Too many open files");
		assertThat(count("connection")).isEqualTo(1);
		assertThat(count("refused")).isZero();
	}

	@Test
	void shouldCloseWithTryAgainLaterWhenTheServiceAnswers503() {
		WebSocketSession session = openSession();
		relay(session, new WebSocketClientHandshakeException("refused",
				new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE)));
		assertThat(closedWith(session).getCode()).isEqualTo(1013);
		assertThat(count("refused")).isEqualTo(1);
		assertThat(count("connection")).isZero();
	}

	@Test
	void shouldCloseWithPolicyViolationWhenTheServiceAnswers4xx() {
		WebSocketSession session = openSession();
		relay(session, new WebSocketClientHandshakeException("refused",
				new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN)));
		CloseStatus status = closedWith(session);
		assertThat(status.getCode()).isEqualTo(1008);
		assertThat(status.getReason()).contains("403");
	}

	@Test
	void shouldCountNothingWhenTheClientsConnectionIsAlreadyClosed() {
		WebSocketSession session = mock(WebSocketSession.class);
		when(session.isOpen()).thenReturn(false);
		relay(session, new SocketException("Connection reset"));
		verify(session, never()).close(any());
		assertThat(count("connection")).isZero();
	}

	@Test
	void shouldCutALongCauseToWhatACloseFrameHolds() {
		WebSocketSession session = openSession();
		relay(session, new SocketException("é".repeat(200)));
		String reason = closedWith(session).getReason();
		assertThat(reason).startsWith("The gateway's connection to the service failed: é");
		assertThat(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
	}

	private void relay(WebSocketSession session, Throwable failure) {
		WebSocketService gatewaysOwn = (exchange, handler) -> handler.handle(session);
		WebSocketHandler failing = (client) -> Mono.error(failure);
		new RefusalClosingWebSocketService(gatewaysOwn, this.meters).handleRequest(null, failing).block();
	}

	private static WebSocketSession openSession() {
		WebSocketSession session = mock(WebSocketSession.class);
		when(session.isOpen()).thenReturn(true);
		when(session.close(any())).thenReturn(Mono.empty());
		return session;
	}

	private static CloseStatus closedWith(WebSocketSession session) {
		ArgumentCaptor<CloseStatus> status = ArgumentCaptor.forClass(CloseStatus.class);
		verify(session).close(status.capture());
		return status.getValue();
	}

	private double count(String reason) {
		return this.meters.get(RefusalClosingWebSocketService.METRIC).tag("reason", reason).counter().count();
	}

}
