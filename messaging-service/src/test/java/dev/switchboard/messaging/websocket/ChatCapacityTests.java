package dev.switchboard.messaging.websocket;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import dev.switchboard.messaging.ChatTestClient;
import dev.switchboard.messaging.MessagingIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The chat's {@code max-sessions}, with real clients: past it a handshake is answered 503
 * problem JSON with {@code Retry-After}, and a closed socket makes room again.
 */
@TestPropertySource(properties = "switchboard.messaging.websocket.max-sessions=2")
class ChatCapacityTests extends MessagingIntegrationTest {

	@Autowired
	private MeterRegistry registry;

	@Test
	void shouldRefuseHandshakesWhileTheChatIsFullAndAcceptOneOnceASocketCloses() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		try (ChatTestClient first = ChatTestClient.signedIn(chatUri(), alice.token())) {
			try (ChatTestClient second = ChatTestClient.signedIn(chatUri(), bob.token())) {
				double refusedBefore = refused();
				assertThatThrownBy(() -> ChatTestClient.open(chatUri())).isInstanceOf(CompletionException.class)
					.cause()
					.isInstanceOfSatisfying(WebSocketHandshakeException.class, (ex) -> {
						assertThat(ex.getResponse().statusCode()).isEqualTo(503);
						assertThat(ex.getResponse().headers().firstValue("Retry-After")).hasValue("10");
						assertThat(ex.getResponse().headers().firstValue("Content-Type"))
							.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
						assertThat(ex.getResponse().body().toString()).contains("The chat is full")
							.contains("max-sessions");
					});
				assertThat(refused()).isEqualTo(refusedBefore + 1);
			}
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
				try (ChatTestClient again = ChatTestClient.signedIn(chatUri(), bob.token())) {
					again.send("{\"type\":\"who\",\"ref\":\"w\"}");
					assertThat(again.next("presence").path("online").toString()).contains(alice.nickname())
						.contains(bob.nickname());
				}
			});
		}
	}

	private double refused() {
		return this.registry.get("switchboard.chat.websocket.refused").tag("limit", "max-sessions").counter().count();
	}

}
