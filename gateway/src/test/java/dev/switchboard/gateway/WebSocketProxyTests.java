package dev.switchboard.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat socket through the gateway, as a browser opens it: frames both ways, the
 * gateway's Host kept for the service's same-origin check, a request id passed on; a
 * service's refusal and a failed connection to it closing it with a status that says so.
 */
class WebSocketProxyTests extends GatewayIntegrationTest {

	@Autowired
	private MeterRegistry meters;

	@Test
	void shouldProxyTheChatSocketWithTheBrowsersHostAndOrigin() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.ORIGIN, gatewayUrl());
		headers.set("X-Request-Id", "socket-1");
		List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://localhost:" + this.port + "/ws/chat"), headers,
					(session) -> session.send(Mono.just(session.textMessage("{\"type\":\"who\"}")))
						.thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(2))
						.doOnNext(received::add)
						.then(session.close()))
			.block(Duration.ofSeconds(10));
		assertThat(received).containsExactly(
				"hello host=localhost:" + this.port + " forwardedHost=localhost:" + this.port + " requestId=socket-1",
				"echo {\"type\":\"who\"}");
	}

	@Test
	void shouldKeepAChatSocketThatFallsQuietPastTheRequestReadTimeout() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.ORIGIN, gatewayUrl());
		List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
		Flux<String> frames = Flux.concat(Mono.just("first"),
				Mono.delay(READ_TIMEOUT.multipliedBy(2)).thenReturn("after a silence"));
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://localhost:" + this.port + "/ws/chat"), headers,
					(session) -> session.send(frames.map(session::textMessage))
						.thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(3))
						.doOnNext(received::add)
						.then(session.close()))
			.block(Duration.ofSeconds(20));
		assertThat(received).hasSize(3).endsWith("echo first", "echo after a silence");
	}

	@Test
	void shouldCloseWithTryAgainLaterWhenTheServiceRefusesTheSocketWith503() {
		double refusalsBefore = relayFailures("refused");
		AtomicReference<CloseStatus> closed = new AtomicReference<>();
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://localhost:" + this.port + "/ws/chat?full"),
					(session) -> session.closeStatus().doOnNext(closed::set).then())
			.block(Duration.ofSeconds(10));
		assertThat(closed.get()).isNotNull();
		assertThat(closed.get().getCode()).isEqualTo(1013);
		assertThat(closed.get().getReason()).contains("503").contains("try again later");
		assertThat(relayFailures("refused")).isEqualTo(refusalsBefore + 1);
	}

	@Test
	void shouldCloseWithServerErrorWhenTheServiceDropsTheConnectionBeforeItsAnswer() {
		double failuresBefore = relayFailures("connection");
		AtomicReference<CloseStatus> closed = new AtomicReference<>();
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://localhost:" + this.port + "/ws/chat?hang-up"),
					(session) -> session.closeStatus().doOnNext(closed::set).then())
			.block(Duration.ofSeconds(10));
		assertThat(closed.get()).isNotNull();
		assertThat(closed.get().getCode()).isEqualTo(1011);
		assertThat(closed.get().getReason()).startsWith("The gateway's connection to the service failed");
		assertThat(relayFailures("connection")).isEqualTo(failuresBefore + 1);
	}

	@Test
	void shouldAnswer503BeforeTheHandshakeWhenTheServiceIsDown() {
		messaging.stop();
		try {
			this.client.get()
				.uri("/ws/chat")
				.header(HttpHeaders.UPGRADE, "websocket")
				.header(HttpHeaders.CONNECTION, "Upgrade")
				.header("Sec-WebSocket-Version", "13")
				.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
				.header(HttpHeaders.ORIGIN, gatewayUrl())
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("messaging-service is unavailable: connection refused.");
		}
		finally {
			messaging.restart();
		}
	}

	private double relayFailures(String reason) {
		Counter counter = this.meters.find("switchboard.gateway.websocket.relay.failures")
			.tag("reason", reason)
			.counter();
		assertThat(counter).isNotNull();
		return counter.count();
	}

}
