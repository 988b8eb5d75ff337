package dev.switchboard.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A messaging replica is killed (SIGKILL, no goodbye): the other replica sees its users
 * leave within 15 s, and its WebSocket clients reconnect through the gateway, which sends
 * them to the replica left, and recover what they missed with {@code since}.
 */
class ReplicaCrashIT extends FaultTest {

	/** How soon the users of a dead replica must leave everyone else's presence list. */
	private static final Duration LEAVE_LIMIT = Duration.ofSeconds(15);

	@Test
	void shouldLetTheUsersOfAKilledReplicaLeaveAndRecoverWhatTheyMissedOnTheOther() {
		List<ServiceProcess> replicas = ChatReplicas.of(this.suite);
		ServiceProcess survivor = replicas.get(0);
		ServiceProcess victim = replicas.get(1);
		SuiteHttp users = new SuiteHttp(survivor.url());
		JsonNode alice = Users.create(users, "alice");
		JsonNode bob = Users.create(users, "bob");
		JsonNode carol = Users.create(users, "carol");
		String room = "crash-" + UUID.randomUUID().toString().substring(0, 8);
		try (ChatSocket bobChat = ChatReplicas.webSocket(survivor, bob);
				ChatSocket aliceChat = ChatReplicas.webSocket(victim, alice);
				TcpChat carolChat = ChatReplicas.tcp(victim, carol)) {
			bobChat.join(room);
			aliceChat.join(room);
			ChatReplicas.join(carolChat, room);
			List<Long> before = say(bobChat, room, "before", 5);
			assertThat(awaitIds(aliceChat, room, 5)).containsExactlyElementsOf(before);
			long lastSeen = before.getLast();

			victim.kill();
			Instant killed = Instant.now();
			for (JsonNode gone : List.of(alice, carol)) {
				String name = gone.path("nickname").asString();
				bobChat.await((frame) -> name.equals(frame.path("left").asString()),
						LEAVE_LIMIT.minus(Duration.between(killed, Instant.now())));
			}
			System.out.printf("the users of the killed replica left %d ms after SIGKILL%n",
					Duration.between(killed, Instant.now()).toMillis());
			assertThat(bobChat.who()).doesNotContain(alice.path("nickname").asString(),
					carol.path("nickname").asString());
			List<Long> missed = say(bobChat, room, "missed", 5);

			try (ChatSocket back = ChatSocket.reconnect(this.gateway.base(), Duration.ofSeconds(30))) {
				assertThat(back.signIn(alice.path("token").asString()).path("type").asString()).isEqualTo("welcome");
				JsonNode history = back.join(room, lastSeen);
				List<Long> recovered = new ArrayList<>();
				history.path("messages").forEach((message) -> recovered.add(message.path("id").asLong()));
				assertThat(recovered).as("what alice missed, from %s", history).containsExactlyElementsOf(missed);
				// bob heard her join a second time
				await().atMost(Duration.ofSeconds(15))
					.until(() -> bobChat.frames()
						.stream()
						.filter((frame) -> alice.path("nickname").asString().equals(frame.path("joined").asString()))
						.count() == 2);
				// and the chat goes on, on the replica left
				back.send(Map.of("type", "say", "room", room, "text", "back", "ref", "back"));
				long id = ReplicatedChatIT.acknowledgement(back, "back").path("id").asLong();
				bobChat.await((frame) -> ChatSocket.type(frame, "message") && frame.path("id").asLong() == id,
						Duration.ofSeconds(15));
			}
		}
	}

	private static List<Long> say(ChatSocket chat, String room, String text, int count) {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String ref = text + "-" + i;
			chat.send(Map.of("type", "say", "room", room, "text", text + " " + i, "ref", ref));
			ids.add(ReplicatedChatIT.acknowledgement(chat, ref).path("id").asLong());
		}
		return ids;
	}

	private static List<Long> awaitIds(ChatSocket chat, String room, int count) {
		await().atMost(Duration.ofSeconds(15)).until(() -> chat.messageIds(room).size() >= count);
		return chat.messageIds(room);
	}

}
