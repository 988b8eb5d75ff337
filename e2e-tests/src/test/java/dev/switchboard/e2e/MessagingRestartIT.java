package dev.switchboard.e2e;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * messaging-service restarts while people chat (every replica of it, as a new version is
 * deployed): their sockets close with 1001 (going away), they reconnect as the web page
 * does, and every message that was acknowledged is still there.
 */
class MessagingRestartIT extends FaultTest {

	/** Room messages sent in all: the history a join answers holds the last 50. */
	private static final int MAX_MESSAGES = 40;

	@Test
	void shouldKeepEveryAcknowledgedMessageAcrossARestart() throws Exception {
		JsonNode alice = Users.create(this.gateway, "alice");
		JsonNode bob = Users.create(this.gateway, "bob");
		String room = "restart-" + UUID.randomUUID().toString().substring(0, 8);
		List<ServiceProcess> messaging = this.suite.replicas("messaging-service");
		List<JsonNode> acknowledged;
		try (ChatSocket aliceChat = ChatSocket.open(this.gateway.base());
				ChatSocket bobChat = ChatSocket.open(this.gateway.base())) {
			signInAndJoin(aliceChat, alice, room);
			signInAndJoin(bobChat, bob, room);
			acknowledged = talkWhileTheServiceStops(aliceChat, bobChat, messaging, room, bob);
		}

		messaging.forEach(ServiceProcess::start);
		messaging.forEach((replica) -> replica.awaitReady(Suite.STARTUP_TIMEOUT));
		try (ChatSocket aliceChat = ChatSocket.reconnect(this.gateway.base(), Duration.ofSeconds(30));
				ChatSocket bobChat = ChatSocket.reconnect(this.gateway.base(), Duration.ofSeconds(30))) {
			assertThat(signInAndJoin(aliceChat, alice, room)).isNotNull();
			JsonNode history = signInAndJoin(bobChat, bob, room);
			assertEveryAcknowledgedMessageIsStored(acknowledged, history, bob);
			// and the chat goes on
			aliceChat.send(Map.of("type", "say", "room", room, "text", "back again", "ref", "after"));
			JsonNode after = aliceChat.await((frame) -> "after".equals(frame.path("ref").asString()),
					Duration.ofSeconds(15));
			bobChat.await((frame) -> ChatSocket.type(frame, "message")
					&& frame.path("id").asLong() == after.path("id").asLong(), Duration.ofSeconds(15));
		}
	}

	/** Sign in, join the room: the room's history. */
	private static JsonNode signInAndJoin(ChatSocket chat, JsonNode user, String room) {
		assertThat(chat.signIn(user.path("token").asString()).path("type").asString()).isEqualTo("welcome");
		return chat.join(room);
	}

	/**
	 * A few messages acknowledged before, then alice keeps talking while the service
	 * shuts down, until her socket closes.
	 * @return the messages acknowledged to alice
	 */
	private static List<JsonNode> talkWhileTheServiceStops(ChatSocket aliceChat, ChatSocket bobChat,
			List<ServiceProcess> messaging, String room, JsonNode bob) {
		for (int i = 0; i < 6; i++) {
			send(aliceChat, room, bob, i);
		}
		aliceChat.await((frame) -> ("ref-" + 5).equals(frame.path("ref").asString()), Duration.ofSeconds(15));
		AtomicInteger sent = new AtomicInteger(6);
		try (ScheduledExecutorService talker = Executors.newSingleThreadScheduledExecutor()) {
			// a message every 150 ms; a send on the closed socket throws, which ends the
			// task
			talker.scheduleWithFixedDelay(() -> {
				if (sent.get() < MAX_MESSAGES && !aliceChat.isClosed()) {
					send(aliceChat, room, bob, sent.getAndIncrement());
				}
			}, 0, 150, TimeUnit.MILLISECONDS);
			// she is talking when the service gets its SIGTERM
			await().atMost(Duration.ofSeconds(15)).until(() -> sent.get() >= 9);
			messaging.forEach(ServiceProcess::terminate);
			int aliceClose = aliceChat.awaitClose(Duration.ofSeconds(45));
			int bobClose = bobChat.awaitClose(Duration.ofSeconds(45));
			for (ServiceProcess replica : messaging) {
				int exit = replica.awaitExit(Duration.ofSeconds(45));
				System.out.printf("%s exited with %d%n", replica.name(), exit);
				assertThat(exit).as(replica.name()).isIn(0, 143);
			}
			System.out.printf("the gateway closed the sockets with %d and %d%n", aliceClose, bobClose);
			// 1001, going away: the service closed them in order, and the gateway passed
			// its status on
			assertThat(aliceClose).isEqualTo(1001);
			assertThat(bobClose).isEqualTo(1001);
		}
		List<JsonNode> acknowledged = aliceChat.frames()
			.stream()
			.filter((frame) -> ChatSocket.type(frame, "message") && frame.path("ref").asString().startsWith("ref-"))
			.toList();
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(6);
		return acknowledged;
	}

	private void assertEveryAcknowledgedMessageIsStored(List<JsonNode> acknowledged, JsonNode history, JsonNode bob) {
		Set<Long> inRoom = new HashSet<>();
		history.path("messages").forEach((message) -> inRoom.add(message.path("id").asLong()));
		SuiteHttp.Answer inbox = this.gateway.get("/api/users/" + bob.path("id").asLong() + "/messages",
				"Authorization", SuiteHttp.bearer(bob.path("token").asString()));
		assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
		Set<Long> inInbox = new HashSet<>();
		inbox.json().forEach((message) -> inInbox.add(message.path("id").asLong()));
		for (JsonNode ack : acknowledged) {
			if (ack.hasNonNull("room")) {
				assertThat(inRoom).as("room history holds acknowledged %s", ack).contains(ack.path("id").asLong());
			}
			else {
				assertThat(inInbox).as("inbox holds acknowledged %s", ack).contains(ack.path("id").asLong());
			}
		}
		System.out.printf("%d messages acknowledged before the restart, all found after it%n", acknowledged.size());
	}

	private static void send(ChatSocket chat, String room, JsonNode to, int i) {
		if (i % 3 == 2) {
			chat.send(Map.of("type", "dm", "to", to.path("nickname").asString(), "text", "dm " + i, "ref", "ref-" + i));
		}
		else {
			chat.send(Map.of("type", "say", "room", room, "text", "say " + i, "ref", "ref-" + i));
		}
	}

}
