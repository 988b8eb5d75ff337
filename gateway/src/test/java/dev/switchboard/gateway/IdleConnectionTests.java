package dev.switchboard.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import dev.switchboard.gateway.support.RawHttp;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection that holds the gateway without asking anything (never a byte, or nothing
 * after its last answer) is closed after the idle timeout, 3 s here; a chat socket is not
 * an idle HTTP connection, however quiet it falls.
 */
@TestPropertySource(properties = "server.netty.idle-timeout=3s")
class IdleConnectionTests extends GatewayIntegrationTest {

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);

	@Test
	void shouldCloseAConnectionThatNeverSendsAByte() throws Exception {
		try (RawHttp silent = RawHttp.connect(this.port)) {
			assertThat(silent.closedWithin(IDLE_TIMEOUT.multipliedBy(4))).isTrue();
		}
	}

	@Test
	void shouldCloseAKeptAliveConnectionThatAsksNothingMore() throws Exception {
		try (RawHttp client = RawHttp.connect(this.port)) {
			RawHttp.Answer answer = client.send("GET /api/random/int HTTP/1.1\r\nHost: localhost\r\n\r\n")
				.read(Duration.ofSeconds(10));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(client.closedWithin(IDLE_TIMEOUT.multipliedBy(4))).isTrue();
		}
	}

	@Test
	void shouldKeepAChatSocketThatFallsQuietPastTheIdleTimeout() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.ORIGIN, gatewayUrl());
		List<String> received = new CopyOnWriteArrayList<>();
		Flux<String> frames = Flux.concat(Mono.just("first"),
				Mono.delay(IDLE_TIMEOUT.multipliedBy(2)).thenReturn("after a silence"));
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://localhost:" + this.port + "/ws/chat"), headers,
					(session) -> session.send(frames.map(session::textMessage))
						.thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(3))
						.doOnNext(received::add)
						.then(session.close()))
			.block(Duration.ofSeconds(20));
		assertThat(received).hasSize(3).endsWith("echo first", "echo after a silence");
	}

}
