package dev.switchboard.messaging.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.switchboard.test.redis.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatRoster;
import dev.switchboard.messaging.messages.ChatMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisRoomOrder}, two replicas' orders over a real Redis: a replica
 * keeps a room's lock while it has messages, hands it over as soon as another replica
 * waits, gives it up when idle or stopping, and never publishes without knowing whether
 * it still held it.
 */
class RedisRoomOrderTests {

	private static final String PREFIX = "test:";

	private static RedisServer server;

	private static LettuceConnectionFactory connections;

	private static StringRedisTemplate redis;

	private final AtomicLong ids = new AtomicLong();

	private final List<RedisRoomOrder> orders = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startRedis() {
		server = RedisServer.start();
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
		connections.afterPropertiesSet();
		connections.start();
		redis = new StringRedisTemplate(connections);
	}

	@AfterAll
	static void stopRedis() {
		if (connections != null) {
			connections.destroy();
		}
		if (server != null) {
			server.close();
		}
	}

	@AfterEach
	void closeOrders() {
		this.orders.forEach(RedisRoomOrder::close);
	}

	@Test
	void shouldKeepTheLockWhileBusyAndGiveItUpWhenIdle() {
		RedisRoomOrder a = order("a");
		say(a, "kept");
		String holder = redis.opsForValue().get(PREFIX + "room-order:kept");
		assertThat(holder).startsWith("a:");
		say(a, "kept");
		// the second message went out under the same lock
		assertThat(redis.opsForValue().get(PREFIX + "room-order:kept")).isEqualTo(holder);
		await().atMost(Duration.ofSeconds(5)).until(() -> !redis.hasKey(PREFIX + "room-order:kept"));
	}

	@Test
	void shouldHandTheLockOverToAReplicaThatWaits() {
		// a keeps an unused lock for a minute: only b's waiting makes it give it up
		RedisRoomOrder a = order("a", Duration.ofMinutes(1));
		RedisRoomOrder b = order("b", Duration.ofMinutes(1));
		say(a, "shared");
		CompletableFuture<ChatMessage> fromB = CompletableFuture.supplyAsync(() -> say(b, "shared"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "b".equals(redis.opsForValue().get(PREFIX + "room-order:shared:waiting")));
		assertThat(fromB).isNotDone();
		// a's next message sees b waiting, and a gives the lock up right after it
		ChatMessage fromA = say(a, "shared");
		ChatMessage fromBDone = fromB.orTimeout(4, java.util.concurrent.TimeUnit.SECONDS).join();
		assertThat(fromBDone.id()).isGreaterThan(fromA.id());
		assertThat(redis.opsForValue().get(PREFIX + "room-order:shared")).startsWith("b:");
	}

	@Test
	void shouldTakeTheLockAgainWhenItsLeaseWasLost() {
		// a keeps its lock while idle for a minute: it still believes it holds it when
		// the lease is lost below (with the 20 ms default, a slow machine let a give it
		// up first, and a then waited for the other holder and took the lock again)
		RedisRoomOrder a = order("a", Duration.ofMinutes(1));
		say(a, "lost");
		// the lease ran out (a long pause) and another holder took the room meanwhile
		redis.opsForValue().set(PREFIX + "room-order:lost", "elsewhere:1", Duration.ofMillis(300));
		say(a, "lost");
		assertThat(redis.opsForValue().get(PREFIX + "room-order:lost")).isEqualTo("elsewhere:1");
		// the next message waits for the other holder's lease, then takes the lock
		say(a, "lost");
		assertThat(redis.opsForValue().get(PREFIX + "room-order:lost")).startsWith("a:");
	}

	@Test
	void shouldGiveEveryLockUpWhenTheReplicaStops() {
		RedisRoomOrder a = order("a");
		say(a, "first");
		say(a, "second");
		a.close();
		assertThat(redis.hasKey(PREFIX + "room-order:first")).isFalse();
		assertThat(redis.hasKey(PREFIX + "room-order:second")).isFalse();
	}

	private RedisRoomOrder order(String replica) {
		return order(replica, RedisRoomOrder.IDLE);
	}

	private RedisRoomOrder order(String replica, Duration idle) {
		RedisChatFanout fanout = new RedisChatFanout(redis, PREFIX + "events", new ChatEventCodec(JsonMapper.shared()),
				new ChatRoster(1000));
		RedisRoomOrder order = new RedisRoomOrder(redis, fanout, PREFIX, replica, idle);
		this.orders.add(order);
		return order;
	}

	private ChatMessage say(RedisRoomOrder order, String room) {
		return order.storeAndPublish(room,
				() -> new ChatMessage(this.ids.incrementAndGet(), room, null, "alice", "hi", Instant.now()),
				(message) -> new ChatEvent.MessagePosted(message, null, null));
	}

}
