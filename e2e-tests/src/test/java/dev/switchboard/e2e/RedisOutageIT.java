package dev.switchboard.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Redis goes away while two replicas chat under load, and comes back: each replica keeps
 * serving its own clients (messages persisted, acknowledged and delivered on that
 * replica), its readiness says DOWN, nothing acknowledged is lost, and delivery across
 * replicas resumes by itself once Redis is back.
 */
class RedisOutageIT extends FaultTest {

	/** Room messages per talker at most: the history a join answers holds them all. */
	private static final int ROOM_MESSAGES = 20;

	/** Frames per talker at most: the load is bounded whatever happens. */
	private static final int MAX_FRAMES = 400;

	@Test
	void shouldKeepEachReplicaServingWhileRedisIsDownAndRecoverByItself() {
		List<ServiceProcess> replicas = ChatReplicas.of(this.suite);
		SuiteHttp users = new SuiteHttp(replicas.get(0).url());
		JsonNode alice = Users.create(users, "alice");
		JsonNode carol = Users.create(users, "carol");
		JsonNode bob = Users.create(users, "bob");
		JsonNode dave = Users.create(users, "dave");
		String room = "outage-" + UUID.randomUUID().toString().substring(0, 8);
		try (ChatSocket aliceChat = ChatReplicas.webSocket(replicas.get(0), alice);
				ChatSocket carolChat = ChatReplicas.webSocket(replicas.get(0), carol);
				ChatSocket bobChat = ChatReplicas.webSocket(replicas.get(1), bob);
				ChatSocket daveChat = ChatReplicas.webSocket(replicas.get(1), dave);
				ScheduledExecutorService load = Executors.newScheduledThreadPool(2)) {
			for (ChatSocket chat : List.of(aliceChat, carolChat, bobChat, daveChat)) {
				chat.join(room);
			}
			Talker aliceTalks = new Talker(aliceChat, "a", room, bob);
			Talker bobTalks = new Talker(bobChat, "b", room, alice);
			load.scheduleWithFixedDelay(aliceTalks::next, 0, 150, TimeUnit.MILLISECONDS);
			load.scheduleWithFixedDelay(bobTalks::next, 75, 150, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofSeconds(15)).until(() -> aliceTalks.sent() >= 6 && bobTalks.sent() >= 6);

			this.suite.redis().stop();
			Instant stopped = Instant.now();
			keepServingOnEachReplica(replicas, aliceTalks, carolChat, bobTalks, daveChat, room);
			System.out.printf("Redis down for %d ms: each replica kept serving%n",
					Duration.between(stopped, Instant.now()).toMillis());

			this.suite.redis().restart();
			Instant restarted = Instant.now();
			recoverByItself(replicas, aliceTalks, bobChat, alice, bob);
			System.out.printf("recovered %d ms after Redis restarted%n",
					Duration.between(restarted, Instant.now()).toMillis());
			load.shutdownNow();
			assertNothingAcknowledgedIsLost(replicas.get(1), aliceTalks, bobTalks, room, alice, bob);
		}
	}

	/**
	 * While Redis is gone: both talkers' messages are still acknowledged, a reader on the
	 * same replica gets them, and readiness says DOWN.
	 */
	private static void keepServingOnEachReplica(List<ServiceProcess> replicas, Talker aliceTalks, ChatSocket carolChat,
			Talker bobTalks, ChatSocket daveChat, String room) {
		int aliceBefore = aliceTalks.acknowledged().size();
		int bobBefore = bobTalks.acknowledged().size();
		int aliceRoomBefore = aliceTalks.roomAcknowledged().size();
		int bobRoomBefore = bobTalks.roomAcknowledged().size();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> aliceTalks.acknowledged().size() >= aliceBefore + 10
					&& bobTalks.acknowledged().size() >= bobBefore + 10
					&& aliceTalks.roomAcknowledged().size() > aliceRoomBefore
					&& bobTalks.roomAcknowledged().size() > bobRoomBefore);
		// room messages acknowledged while Redis was down
		long aliceLatest = aliceTalks.roomAcknowledged().getLast();
		long bobLatest = bobTalks.roomAcknowledged().getLast();
		carolChat.await((frame) -> ChatSocket.type(frame, "message") && frame.path("id").asLong() == aliceLatest,
				Duration.ofSeconds(15));
		daveChat.await((frame) -> ChatSocket.type(frame, "message") && frame.path("id").asLong() == bobLatest,
				Duration.ofSeconds(15));
		for (ServiceProcess replica : replicas) {
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(ChatReplicas.readiness(replica)).as(replica.name()).isEqualTo(503));
			assertThat(replica.isAlive()).isTrue();
		}
	}

	/**
	 * Once Redis is back: both replicas ready again, and messages cross replicas again,
	 * with nobody reconnecting.
	 */
	private static void recoverByItself(List<ServiceProcess> replicas, Talker aliceTalks, ChatSocket bobChat,
			JsonNode alice, JsonNode bob) {
		for (ServiceProcess replica : replicas) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(ChatReplicas.readiness(replica)).as(replica.name()).isEqualTo(200));
		}
		int sentBefore = aliceTalks.acknowledged().size();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<Long> newer = aliceTalks.acknowledged().subList(sentBefore, aliceTalks.acknowledged().size());
			assertThat(newer).isNotEmpty();
			long latest = newer.getLast();
			assertThat(bobChat.frames().stream().anyMatch((frame) -> frame.path("id").asLong() == latest))
				.as("a message from the other replica, after Redis came back")
				.isTrue();
		});
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(bobChat.who()).contains(alice.path("nickname").asString(),
					bob.path("nickname").asString()));
	}

	/** Every acknowledged room message is in the room's history, every DM in an inbox. */
	private void assertNothingAcknowledgedIsLost(ServiceProcess replica, Talker aliceTalks, Talker bobTalks,
			String room, JsonNode alice, JsonNode bob) {
		Set<Long> inRoom = new HashSet<>();
		try (ChatSocket reader = ChatReplicas.webSocket(replica, alice)) {
			reader.join(room, 0).path("messages").forEach((message) -> inRoom.add(message.path("id").asLong()));
		}
		assertThat(inRoom).containsAll(aliceTalks.roomAcknowledged()).containsAll(bobTalks.roomAcknowledged());
		assertThat(inbox(bob)).containsAll(aliceTalks.directAcknowledged());
		assertThat(inbox(alice)).containsAll(bobTalks.directAcknowledged());
		System.out.printf("Redis outage: %d and %d frames acknowledged, all stored%n", aliceTalks.acknowledged().size(),
				bobTalks.acknowledged().size());
	}

	private Set<Long> inbox(JsonNode user) {
		SuiteHttp.Answer inbox = this.gateway.get("/api/users/" + user.path("id").asLong() + "/messages?limit=1000",
				"Authorization", SuiteHttp.bearer(user.path("token").asString()));
		assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
		Set<Long> ids = new HashSet<>();
		inbox.json().forEach((message) -> ids.add(message.path("id").asLong()));
		return ids;
	}

	/**
	 * One user talking: every fourth frame a room message (at most
	 * {@link #ROOM_MESSAGES}), the others DMs to a user on the other replica.
	 */
	private static final class Talker {

		private final ChatSocket chat;

		private final String prefix;

		private final String room;

		private final JsonNode peer;

		private final AtomicInteger sent = new AtomicInteger();

		private final AtomicInteger roomSent = new AtomicInteger();

		Talker(ChatSocket chat, String prefix, String room, JsonNode peer) {
			this.chat = chat;
			this.prefix = prefix;
			this.room = room;
			this.peer = peer;
		}

		void next() {
			int i = this.sent.get();
			if (i >= MAX_FRAMES || this.chat.isClosed()) {
				return;
			}
			String ref = this.prefix + "-" + i;
			if (i % 4 == 0 && this.roomSent.getAndIncrement() < ROOM_MESSAGES) {
				this.chat.send(Map.of("type", "say", "room", this.room, "text", ref, "ref", ref));
			}
			else {
				this.chat
					.send(Map.of("type", "dm", "to", this.peer.path("nickname").asString(), "text", ref, "ref", ref));
			}
			this.sent.incrementAndGet();
		}

		int sent() {
			return this.sent.get();
		}

		private List<JsonNode> acks() {
			return this.chat.frames()
				.stream()
				.filter((frame) -> ChatSocket.type(frame, "message")
						&& frame.path("ref").asString().startsWith(this.prefix + "-"))
				.toList();
		}

		List<Long> acknowledged() {
			return acks().stream().map((frame) -> frame.path("id").asLong()).toList();
		}

		List<Long> roomAcknowledged() {
			return acks().stream()
				.filter((frame) -> frame.hasNonNull("room"))
				.map((frame) -> frame.path("id").asLong())
				.toList();
		}

		List<Long> directAcknowledged() {
			List<Long> ids = new ArrayList<>();
			acks().stream()
				.filter((frame) -> !frame.hasNonNull("room"))
				.forEach((frame) -> ids.add(frame.path("id").asLong()));
			return ids;
		}

	}

}
