package dev.switchboard.messaging.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.switchboard.messaging.chat.LocalRoomOrder;
import dev.switchboard.messaging.chat.RoomOrder;

/**
 * The room order of several replicas: besides this replica's lock, a room's message is
 * stored and published under a short Redis lock ({@code <prefix>room-order:<room>},
 * {@code SET NX} with a lease), so that two replicas never publish a room's messages out
 * of id order. When Redis is unavailable each replica only orders its own (nothing
 * crosses replicas then anyway); a lock whose holder died expires with its lease.
 */
final class RedisRoomOrder implements RoomOrder {

	private static final Duration LEASE = Duration.ofSeconds(5);

	private static final long RETRY_NANOS = 200_000;

	private static final RedisScript<Long> UNLOCK = RedisScript
		.of("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

	private final LocalRoomOrder local = new LocalRoomOrder();

	private final StringRedisTemplate redis;

	private final String prefix;

	private final String replica;

	private final AtomicLong holds = new AtomicLong();

	RedisRoomOrder(StringRedisTemplate redis, String prefix, String replica) {
		this.redis = redis;
		this.prefix = prefix;
		this.replica = replica;
	}

	@Override
	public <T> T inOrder(String room, Supplier<T> storeAndPublish) {
		return this.local.inOrder(room, () -> {
			String key = this.prefix + "room-order:" + room;
			String holder = this.replica + ":" + this.holds.incrementAndGet();
			boolean locked = acquire(key, holder);
			try {
				return storeAndPublish.get();
			}
			finally {
				if (locked) {
					release(key, holder);
				}
			}
		});
	}

	private boolean acquire(String key, String holder) {
		long deadline = System.nanoTime() + LEASE.toNanos();
		while (true) {
			try {
				if (Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(key, holder, LEASE))) {
					return true;
				}
			}
			catch (RuntimeException ex) {
				return false;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(RETRY_NANOS);
		}
	}

	private void release(String key, String holder) {
		try {
			this.redis.execute(UNLOCK, List.of(key), holder);
		}
		catch (RuntimeException ex) {
			// the lease ends it
		}
	}

}
