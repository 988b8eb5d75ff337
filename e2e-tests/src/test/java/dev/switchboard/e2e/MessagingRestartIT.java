package dev.switchboard.e2e;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * messaging-service restarts while people chat: their sockets close with 1001 (going
 * away), they reconnect as the web page does, and every message that was acknowledged is
 * still there.
 */
class MessagingRestartIT extends FaultTest {

	/** Room messages sent in all: the history a join answers holds the last 50. */
	private static final int MAX_MESSAGES = 40;

	@Test
	void shouldKeepEveryAcknowledgedMessageAcrossARestart() throws Exception {
		JsonNode alice = Users.create(this.gateway, "alice");
		JsonNode bob = Users.create(this.gateway, "bob");
		String room = "restart-" + UUID.randomUUID().toString().substring(0, 8);
		ChatSocket aliceChat = ChatSocket.open(this.gateway.base());
		ChatSocket bobChat = ChatSocket.open(this.gateway.base());
		try {
			aliceChat.signIn(alice.path("token").asString());
			bobChat.signIn(bob.path("token").asString());
			aliceChat.join(room);
			bobChat.join(room);

			// a few messages acknowledged before, then alice keeps talking while the
			// service shuts down, until her socket closes
			int sent = 0;
			for (; sent < 6; sent++) {
				send(aliceChat, room, bob, sent);
			}
			aliceChat.await((frame) -> ("ref-" + 5).equals(frame.path("ref").asString()), Duration.ofSeconds(15));
			ServiceProcess messaging = this.suite.service("messaging-service");
			ChatSocket talking = aliceChat;
			Thread talker = Thread.ofPlatform().start(() -> {
				for (int i = 6; i < MAX_MESSAGES && !talking.isClosed(); i++) {
					try {
						send(talking, room, bob, i);
						Thread.sleep(150);
					}
					catch (RuntimeException ex) {
						return; // the socket closed under the send
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			});
			Thread.sleep(500);
			messaging.terminate();
			int aliceClose = aliceChat.awaitClose(Duration.ofSeconds(45));
			int bobClose = bobChat.awaitClose(Duration.ofSeconds(45));
			talker.join(Duration.ofSeconds(30));
			int exit = messaging.awaitExit(Duration.ofSeconds(45));
			System.out.printf("messaging-service exited with %d; the gateway closed the sockets with %d and %d%n", exit,
					aliceClose, bobClose);
			assertThat(exit).isIn(0, 143);
			// 1001, going away: the service closed them in order, and the gateway passed
			// its status on
			assertThat(aliceClose).isEqualTo(1001);
			assertThat(bobClose).isEqualTo(1001);

			List<JsonNode> acknowledged = aliceChat.frames()
				.stream()
				.filter((frame) -> ChatSocket.type(frame, "message") && frame.path("ref").asString().startsWith("ref-"))
				.toList();
			assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(6);
			aliceChat.close();
			bobChat.close();

			messaging.restart(Suite.STARTUP_TIMEOUT);
			aliceChat = ChatSocket.reconnect(this.gateway.base(), Duration.ofSeconds(30));
			bobChat = ChatSocket.reconnect(this.gateway.base(), Duration.ofSeconds(30));
			assertThat(aliceChat.signIn(alice.path("token").asString()).path("type").asString()).isEqualTo("welcome");
			assertThat(bobChat.signIn(bob.path("token").asString()).path("type").asString()).isEqualTo("welcome");
			aliceChat.join(room);
			JsonNode history = bobChat.join(room);

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

			aliceChat.send(Map.of("type", "say", "room", room, "text", "back again", "ref", "after"));
			JsonNode after = aliceChat.await((frame) -> "after".equals(frame.path("ref").asString()),
					Duration.ofSeconds(15));
			bobChat.await((frame) -> ChatSocket.type(frame, "message")
					&& frame.path("id").asLong() == after.path("id").asLong(), Duration.ofSeconds(15));
		}
		finally {
			aliceChat.close();
			bobChat.close();
		}
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
