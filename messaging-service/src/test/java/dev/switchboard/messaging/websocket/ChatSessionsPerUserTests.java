package dev.switchboard.messaging.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.switchboard.messaging.ChatTestClient;
import dev.switchboard.messaging.LineClient;
import dev.switchboard.messaging.MessagingIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One user holds at most 16 chat WebSockets (the default of
 * {@code switchboard.messaging.websocket.max-sessions-per-user}): the 17th {@code auth}
 * is answered with an error frame and a 1008 close saying why, and counted.
 */
class ChatSessionsPerUserTests extends MessagingIntegrationTest {

	private static final int LIMIT = 16;

	@Autowired
	private MeterRegistry registry;

	@Test
	void shouldRefuseTheSeventeenthSocketOfAUserAndLetOneInOnceAnotherCloses() {
		Registered alice = register("alice");
		List<ChatTestClient> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < LIMIT; i++) {
				sockets.add(ChatTestClient.signedIn(chatUri(), alice.token()));
			}
			double refusedBefore = refused();
			try (ChatTestClient extra = ChatTestClient.open(chatUri())) {
				extra.send("{\"type\":\"auth\",\"token\":\"" + alice.token() + "\",\"ref\":\"a17\"}");
				JsonNode error = extra.next("error");
				assertThat(error.path("message").asString()).contains("Too many chat connections")
					.contains(String.valueOf(LIMIT));
				assertThat(error.path("ref").asString()).isEqualTo("a17");
				assertThat(extra.awaitClose()).isEqualTo(1008);
				assertThat(extra.closeReason()).isEqualTo("too many chat connections for this user (16)");
			}
			assertThat(refused()).isEqualTo(refusedBefore + 1);
			try (ChatTestClient bob = ChatTestClient.signedIn(chatUri(), register("bob").token())) {
				bob.send("{\"type\":\"who\",\"ref\":\"w\"}");
				assertThat(bob.next("presence").path("online").toString()).as("other users are not limited")
					.contains(alice.nickname());
			}
			sockets.removeFirst().close();
			await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
				ChatTestClient again = ChatTestClient.signedIn(chatUri(), alice.token());
				sockets.add(again);
			});
			assertThat(sockets).hasSize(LIMIT);
		}
		finally {
			sockets.forEach(ChatTestClient::close);
		}
	}

	@Test
	void shouldLetExactlySixteenOfSeventeenConcurrentAuthsOfOneUserIn() throws Exception {
		Registered alice = register("alice");
		List<ChatTestClient> sockets = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(LIMIT + 1);
		try {
			for (int i = 0; i <= LIMIT; i++) {
				sockets.add(ChatTestClient.open(chatUri()));
			}
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<String>> answers = new ArrayList<>();
			for (ChatTestClient socket : sockets) {
				answers.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IllegalStateException(ex);
					}
					socket.send("{\"type\":\"auth\",\"token\":\"" + alice.token() + "\"}");
					return socket.next().path("type").asString();
				}, threads));
			}
			start.countDown();
			List<String> types = answers.stream()
				.map((answer) -> answer.orTimeout(30, TimeUnit.SECONDS).join())
				.toList();
			assertThat(types).filteredOn("welcome"::equals).hasSize(LIMIT);
			assertThat(types).filteredOn("error"::equals).hasSize(1);
		}
		finally {
			threads.shutdownNow();
			sockets.forEach(ChatTestClient::close);
		}
	}

	@Test
	void shouldNotCountTheLineChatAgainstTheWebSocketLimit() {
		Registered alice = register("alice");
		List<ChatTestClient> sockets = new ArrayList<>();
		try (LineClient nc = new LineClient(this.chatPort)) {
			for (int i = 0; i < LIMIT; i++) {
				sockets.add(ChatTestClient.signedIn(chatUri(), alice.token()));
			}
			nc.next();
			nc.send("/auth " + alice.token());
			assertThat(nc.nextReply()).isEqualTo("OK signed in as " + alice.nickname());
		}
		finally {
			sockets.forEach(ChatTestClient::close);
		}
	}

	private double refused() {
		return this.registry.get("switchboard.chat.websocket.refused")
			.tag("limit", "max-sessions-per-user")
			.counter()
			.count();
	}

}
