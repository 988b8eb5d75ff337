package dev.switchboard.messaging.cluster;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.test.postgres.EmbeddedPostgresServer;
import dev.switchboard.test.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.switchboard.messaging.ChatTestClient;
import dev.switchboard.messaging.LineClient;
import dev.switchboard.messaging.chat.Presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the messaging-service in one JVM, sharing one PostgreSQL and one real
 * Redis (a {@code redis-server} process): messages and presence cross replicas exactly
 * once, guest nicknames are reserved across them, connection ids do not collide.
 */
class RedisClusterTests {

	private static final JsonMapper json = JsonMapper.shared();

	private static final AtomicInteger nicknames = new AtomicInteger();

	static RedisServer redis;

	static Replica a;

	static Replica b;

	@BeforeAll
	static void startReplicas() {
		redis = RedisServer.start();
		String database = EmbeddedPostgresServer.shared().createDatabase("cluster");
		a = Replica.start("a", database, redis.url());
		b = Replica.start("b", database, redis.url());
	}

	@AfterAll
	static void stopReplicas() {
		if (b != null) {
			b.close();
		}
		if (a != null) {
			a.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void shouldDeliverRoomMessagesToEveryReplicaExactlyOnceInIdOrder() {
		Registered alice = register(a, "alice");
		Registered bob = register(b, "bob");
		String room = "crossing" + nicknames.incrementAndGet();
		try (ChatTestClient onA = ChatTestClient.signedIn(a.chatUri(), alice.token());
				ChatTestClient onB = ChatTestClient.signedIn(b.chatUri(), bob.token());
				LineClient tcpOnB = guestOnTcp(b, "carol")) {
			join(onA, room);
			join(onB, room);
			tcpOnB.send("/join #" + room);
			tcpOnB.nextMatching((line) -> line.equals("#" + room + " JOINED"));
			for (int i = 0; i < 20; i++) {
				(((i % 2) == 0) ? onA : onB).send(say(room, "m" + i, "r" + i));
			}
			List<JsonNode> seenOnA = roomMessages(onA, room, 20);
			List<JsonNode> seenOnB = roomMessages(onB, room, 20);
			List<Long> ids = seenOnA.stream().map((frame) -> frame.path("id").asLong()).toList();
			assertThat(ids).isSorted().doesNotHaveDuplicates();
			assertThat(seenOnB.stream().map((frame) -> frame.path("id").asLong()).toList()).isEqualTo(ids);
			// the TCP reader on B gets the same lines in the same order
			List<String> lines = new ArrayList<>();
			while (lines.size() < 20) {
				lines.add(tcpOnB.nextMatching((line) -> line.startsWith("[#" + room + "] ")));
			}
			assertThat(lines).isEqualTo(seenOnA.stream()
				.map((frame) -> "[#" + room + "] " + frame.path("from").asString() + ": "
						+ frame.path("text").asString())
				.toList());
			// nothing more arrives: each was delivered once
			await().during(Duration.ofMillis(500)).until(() -> true);
			assertThat(onA.drain()).noneMatch(RedisClusterTests::isRoomMessage);
			assertThat(onB.drain()).noneMatch(RedisClusterTests::isRoomMessage);
		}
	}

	@Test
	void shouldAcknowledgeEachMessageWithItsRefExactlyOnceToItsSender() {
		Registered alice = register(a, "alice");
		Registered bob = register(b, "bob");
		String room = "acks" + nicknames.incrementAndGet();
		try (ChatTestClient onA = ChatTestClient.signedIn(a.chatUri(), alice.token());
				ChatTestClient alsoOnB = ChatTestClient.signedIn(b.chatUri(), alice.token());
				ChatTestClient bobOnB = ChatTestClient.signedIn(b.chatUri(), bob.token())) {
			join(onA, room);
			join(alsoOnB, room);
			onA.send(say(room, "hello", "ack-1"));
			JsonNode ack = onA.nextOfType("message");
			assertThat(ack.path("ref").asString()).isEqualTo("ack-1");
			JsonNode copy = alsoOnB.nextOfType("message");
			assertThat(copy.path("id").asLong()).isEqualTo(ack.path("id").asLong());
			assertThat(copy.has("ref")).isFalse();
			onA.send("{\"type\":\"dm\",\"to\":\"" + bob.nickname() + "\",\"text\":\"psst\",\"ref\":\"dm-1\"}");
			JsonNode dmAck = onA.nextMatching((frame) -> frame.has("to"));
			assertThat(dmAck.path("ref").asString()).isEqualTo("dm-1");
			assertThat(bobOnB.nextOfType("message").path("text").asString()).isEqualTo("psst");
			assertThat(alsoOnB.nextMatching((frame) -> frame.has("to")).has("ref")).isFalse();
			await().during(Duration.ofMillis(500)).until(() -> true);
			assertThat(onA.drain()).noneMatch((frame) -> frame.has("ref"));
			assertThat(alsoOnB.drain()).noneMatch((frame) -> frame.has("ref"));
		}
	}

	@Test
	void shouldPushARestDirectMessageToTheRecipientOnAnotherReplica() {
		Registered alice = register(a, "alice");
		Registered bob = register(b, "bob");
		try (ChatTestClient bobOnB = ChatTestClient.signedIn(b.chatUri(), bob.token())) {
			HttpResponse<String> sent = a.post("/api/users/" + bob.id() + "/messages", "{\"text\":\"over rest\"}",
					alice.token());
			assertThat(sent.statusCode()).isEqualTo(201);
			JsonNode pushed = bobOnB.nextOfType("message");
			assertThat(pushed.path("text").asString()).isEqualTo("over rest");
			assertThat(pushed.path("from").asString()).isEqualTo(alice.nickname());
		}
	}

	@Test
	void shouldAnnounceSomeoneOnceWhateverTheNumberOfTheirConnectionsAndReplicas() {
		Registered watcher = register(a, "watcher");
		Registered dora = register(b, "dora");
		try (ChatTestClient watching = ChatTestClient.signedIn(a.chatUri(), watcher.token())) {
			ChatTestClient first = ChatTestClient.signedIn(b.chatUri(), dora.token());
			assertThat(announcement(watching, dora.nickname()).path("joined").asString()).isEqualTo(dora.nickname());
			ChatTestClient second = ChatTestClient.signedIn(a.chatUri(), dora.token());
			assertThat(online(watching)).containsOnlyOnce(dora.nickname());
			assertThat(onlineFlag(b, dora)).isTrue();
			first.close();
			second.send("{\"type\":\"who\"}");
			assertThat(second.nextOfType("presence").path("online").toString()).contains(dora.nickname());
			second.close();
			JsonNode left = announcement(watching, dora.nickname());
			assertThat(left.path("left").asString()).isEqualTo(dora.nickname());
			assertThat(watching.drain()).noneMatch((frame) -> frame.toString().contains(dora.nickname()));
			assertThat(online(watching)).doesNotContain(dora.nickname());
			assertThat(onlineFlag(a, dora)).isFalse();
		}
	}

	@Test
	void shouldCountWhoIsOnlineOnEveryReplicaAlike() {
		Registered watcher = register(a, "counted");
		Registered dora = register(b, "counted");
		try (ChatTestClient onA = ChatTestClient.signedIn(a.chatUri(), watcher.token());
				ChatTestClient onB = ChatTestClient.signedIn(b.chatUri(), dora.token())) {
			Presence presenceA = a.context().getBean(Presence.class);
			Presence presenceB = b.context().getBean(Presence.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				List<String> online = presenceA.onlineNicknames();
				assertThat(online).contains(watcher.nickname(), dora.nickname());
				assertThat(presenceA.onlineCount()).isEqualTo(online.size());
				assertThat(presenceB.onlineCount()).isEqualTo(online.size());
			});
		}
	}

	@Test
	void shouldReserveAGuestNicknameOnEveryReplica() {
		String nickname = "guest" + nicknames.incrementAndGet();
		try (LineClient onA = guestOnTcp(a, nickname); LineClient onB = new LineClient(b.chatPort())) {
			onB.nextReply();
			onB.send("/nick " + nickname.toUpperCase());
			assertThat(onB.nextReply()).startsWith("ERROR Someone is online as");
			HttpResponse<String> registered = b.post("/api/users", "{\"nickname\":\"" + nickname + "\"}", null);
			assertThat(registered.statusCode()).isEqualTo(409);
			onA.send("/quit");
			onA.awaitClosed();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				onB.send("/nick " + nickname);
				assertThat(onB.nextReply()).isEqualTo("OK you are " + nickname + " (guest)");
			});
		}
	}

	@Test
	void shouldGiveConnectionsIdsUniqueAcrossReplicas() {
		String ghostless = "ids" + nicknames.incrementAndGet();
		try (LineClient onA = guestOnTcp(a, ghostless + "x1"); LineClient onB = guestOnTcp(b, ghostless + "y1")) {
			onA.send("/join #" + ghostless);
			onA.nextMatching((line) -> line.endsWith("JOINED"));
			onB.send("/join #" + ghostless);
			onB.nextMatching((line) -> line.endsWith("JOINED"));
			// both are each replica's first TCP connection of this test: were their ids
			// equal, the sender's own line would be taken for an echo on the other
			// replica
			onA.send("from a");
			assertThat(onB.nextMatching((line) -> line.contains("from a")))
				.isEqualTo("[#" + ghostless + "] " + ghostless + "x1: from a");
		}
	}

	@Test
	void shouldShowRedisInTheHealthOfEveryReplica() {
		for (Replica replica : List.of(a, b)) {
			HttpResponse<String> health = replica.get("/actuator/health/readiness");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(json.readTree(health.body()).path("components").path("redis").path("status").asString())
				.isEqualTo("UP");
		}
	}

	@Test
	void shouldAnnounceTheDepartureOfTheUsersOfAReplicaThatDied() {
		Registered watcher = register(a, "watcher");
		String ghost = "Ghost" + nicknames.incrementAndGet();
		StringRedisTemplate template = new StringRedisTemplate(a.context().getBean(RedisConnectionFactory.class));
		try (ChatTestClient watching = ChatTestClient.signedIn(a.chatUri(), watcher.token())) {
			// what a replica leaves in Redis when it is killed: its entries, and a
			// heartbeat that is not renewed
			Long now = template.execute((RedisCallback<Long>) (connection) -> connection.serverCommands().time());
			template.opsForZSet().add("switchboard:chat:replicas", "dead-replica", now);
			template.opsForHash().put("switchboard:chat:presence:dead-replica", ghost.toLowerCase(), ":" + ghost);
			assertThat(online(watching)).contains(ghost);
			long start = System.nanoTime();
			JsonNode left = announcement(watching, ghost);
			assertThat(left.path("left").asString()).isEqualTo(ghost);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
			assertThat(online(watching)).doesNotContain(ghost);
			assertThat(template.hasKey("switchboard:chat:presence:dead-replica")).isFalse();
		}
	}

	static Registered register(Replica replica, String prefix) {
		String nickname = prefix + "_" + nicknames.incrementAndGet();
		HttpResponse<String> response = replica.post("/api/users", "{\"nickname\":\"" + nickname + "\"}", null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode body = json.readTree(response.body());
		return new Registered(body.get("id").asLong(), nickname, body.get("token").asString());
	}

	static LineClient guestOnTcp(Replica replica, String prefix) {
		String nickname = prefix.matches(".*\\d$") || prefix.length() > 20 ? prefix
				: prefix + nicknames.incrementAndGet();
		LineClient client = new LineClient(replica.chatPort());
		client.nextReply();
		client.send("/nick " + nickname);
		assertThat(client.nextReply()).isEqualTo("OK you are " + nickname + " (guest)");
		return client;
	}

	static void join(ChatTestClient client, String room) {
		client.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
		client.next("history");
	}

	static String say(String room, String text, String ref) {
		return "{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"" + text + "\",\"ref\":\"" + ref + "\"}";
	}

	static List<JsonNode> roomMessages(ChatTestClient client, String room, int count) {
		List<JsonNode> messages = new ArrayList<>();
		while (messages.size() < count) {
			JsonNode frame = client.nextOfType("message");
			assertThat(frame.path("room").asString()).isEqualTo(room);
			messages.add(frame);
		}
		return messages;
	}

	static boolean isRoomMessage(JsonNode frame) {
		return "message".equals(frame.path("type").asString());
	}

	static JsonNode announcement(ChatTestClient client, String nickname) {
		return client.nextMatching((frame) -> "presence".equals(frame.path("type").asString())
				&& (nickname.equals(frame.path("joined").asString())
						|| nickname.equals(frame.path("left").asString())));
	}

	static List<String> online(ChatTestClient client) {
		client.send("{\"type\":\"who\"}");
		JsonNode online = client.nextMatching((frame) -> frame.has("online")).path("online");
		List<String> nicknames = new ArrayList<>();
		online.forEach((name) -> nicknames.add(name.asString()));
		return nicknames;
	}

	static boolean onlineFlag(Replica replica, Registered user) {
		HttpResponse<String> response = replica.get("/api/users?nickname=" + user.nickname());
		return json.readTree(response.body()).get(0).path("online").asBoolean();
	}

	record Registered(long id, String nickname, String token) {

	}

}
