package dev.switchboard.messaging.cluster;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.switchboard.test.postgres.EmbeddedPostgresServer;
import dev.switchboard.test.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.messaging.ChatTestClient;

import static dev.switchboard.messaging.cluster.RedisClusterTests.join;
import static dev.switchboard.messaging.cluster.RedisClusterTests.register;
import static dev.switchboard.messaging.cluster.RedisClusterTests.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas while their Redis stops and starts again: each keeps serving its own
 * clients and acknowledging what it stores, readiness is down meanwhile, and delivery
 * across replicas resumes by itself; what a client missed comes back with {@code join} +
 * {@code since}.
 */
class RedisOutageTests {

	static RedisServer redis;

	static Replica a;

	static Replica b;

	static String database;

	@BeforeAll
	static void startReplicas() {
		redis = RedisServer.start();
		database = EmbeddedPostgresServer.shared().createDatabase("outage");
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
	void shouldKeepServingWhileRedisIsDownAndRecoverByItself() {
		RedisClusterTests.Registered alice = register(a, "alice");
		RedisClusterTests.Registered bob = register(b, "bob");
		try (ChatTestClient onA = ChatTestClient.signedIn(a.chatUri(), alice.token());
				ChatTestClient onB = ChatTestClient.signedIn(b.chatUri(), bob.token())) {
			join(onA, "outage");
			join(onB, "outage");
			onA.send(say("outage", "before", "r1"));
			long before = onB.nextOfType("message").path("id").asLong();
			redis.stop();
			long during = acknowledgedWhileRedisIsDown(onA, onB);
			// a replica may even start meanwhile: it joins in once Redis is back
			try (Replica c = Replica.start("c", database, redis.url())) {
				redis.restart();
				await().atMost(Duration.ofSeconds(30))
					.until(() -> readiness(a) == 200 && readiness(b) == 200 && readiness(c) == 200);
				try (ChatTestClient onC = ChatTestClient.signedIn(c.chatUri(), register(c, "carol").token())) {
					join(onC, "outage");
					// delivery across replicas resumes without anybody reconnecting
					await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
						onA.send(say("outage", "after", "r3"));
						return receivedAfter(onB) && receivedAfter(onC);
					});
				}
			}
			// what bob missed comes back with since
			onB.send("{\"type\":\"join\",\"room\":\"outage\",\"since\":" + before + "}");
			JsonNode history = onB.nextOfType("history");
			List<Long> ids = history.path("messages").valueStream().map((m) -> m.path("id").asLong()).toList();
			assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch((id) -> id > before).contains(during);
			assertThat(history.path("messages").get(0).path("text").asString()).isEqualTo("during");
		}
	}

	private static long acknowledgedWhileRedisIsDown(ChatTestClient onA, ChatTestClient onB) {
		await().atMost(Duration.ofSeconds(30)).until(() -> readiness(a) == 503 && readiness(b) == 503);
		HttpResponse<String> health = a.get("/actuator/health");
		assertThat(
				JsonMapper.shared().readTree(health.body()).path("components").path("redis").path("status").asString())
			.isEqualTo("DOWN");
		onA.send(say("outage", "during", "r2"));
		JsonNode ack = onA.nextMatching((frame) -> "r2".equals(frame.path("ref").asString()));
		assertThat(ack.path("type").asString()).isEqualTo("message");
		onB.send("{\"type\":\"who\"}");
		assertThat(onB.nextMatching((frame) -> frame.has("online")).path("online").toString()).contains("bob_");
		return ack.path("id").asLong();
	}

	private static boolean receivedAfter(ChatTestClient client) {
		return client.drain().stream().anyMatch((frame) -> "after".equals(frame.path("text").asString()));
	}

	private static int readiness(Replica replica) {
		return replica.get("/actuator/health/readiness").statusCode();
	}

}
