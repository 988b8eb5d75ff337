package dev.switchboard.messaging.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.LocalRoomOrder;
import dev.switchboard.messaging.chat.RoomOrder;
import dev.switchboard.messaging.messages.ChatMessage;

/**
 * The room order of several replicas: besides this replica's lock, a room's messages are
 * stored and published under a Redis lock of the room ({@code <prefix>room-order:<room>},
 * {@code SET NX} with a lease), so that two replicas never publish a room's messages out
 * of id order.
 * <p>
 * A replica keeps the lock while it has messages for the room, so that a busy room costs
 * no Redis round trip besides the publication: each publication answers, in the same
 * script, whether the lock is still held and whether another replica waits for it (a
 * replica that finds the lock taken raises the room's wait flag,
 * {@code <prefix>room-order:<room>:waiting}, and tries again shortly). The lock is given
 * up as soon as another replica waits, after {@link #IDLE} without a message, or when the
 * replica stops; renewed when half its lease is gone. When Redis is unavailable each
 * replica only orders its own (nothing crosses replicas then anyway); a lock whose holder
 * died expires with its lease.
 */
final class RedisRoomOrder implements RoomOrder {

	private static final Log logger = LogFactory.getLog(RedisRoomOrder.class);

	/** How long a lock lasts unless renewed: what a dead holder costs the room. */
	private static final Duration LEASE = Duration.ofSeconds(5);

	/**
	 * A lock unused this long is given up: what another replica may wait at most for a
	 * room this one no longer writes to.
	 */
	static final Duration IDLE = Duration.ofMillis(20);

	/** How long a wait flag lasts: a waiter raises it at each try. */
	private static final Duration WAIT_FLAG = Duration.ofMillis(200);

	private static final long FIRST_RETRY_NANOS = 100_000;

	private static final long LAST_RETRY_NANOS = 2_000_000;

	/** Take the lock (1), or raise the wait flag (0). */
	private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
			redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
			return 0""", Long.class);

	private static final RedisScript<Long> RENEW = RedisScript.of(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0",
			Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript
		.of("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

	private final LocalRoomOrder local;

	private final RedisChatFanout fanout;

	private final StringRedisTemplate redis;

	private final String prefix;

	private final String replica;

	private final AtomicLong holds = new AtomicLong();

	// the locks this replica holds, by room; a room's entry changes under its local lock
	private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();

	private final ScheduledExecutorService idleChecks = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chat-room-order").daemon().factory());

	private final long idleNanos;

	RedisRoomOrder(StringRedisTemplate redis, RedisChatFanout fanout, String prefix, String replica) {
		this(redis, fanout, prefix, replica, IDLE);
	}

	RedisRoomOrder(StringRedisTemplate redis, RedisChatFanout fanout, String prefix, String replica, Duration idle) {
		this.idleNanos = idle.toNanos();
		this.redis = redis;
		this.fanout = fanout;
		this.local = new LocalRoomOrder(fanout);
		this.prefix = prefix;
		this.replica = replica;
	}

	@Override
	public ChatMessage storeAndPublish(String room, Supplier<ChatMessage> store,
			Function<ChatMessage, ChatEvent> event) {
		return this.local.locked(room, () -> {
			Lease lease = lease(room);
			ChatMessage message = store.get();
			if (lease == null) {
				this.fanout.publish(event.apply(message));
				return message;
			}
			switch (this.fanout.publishHolding(event.apply(message), lease.key, lease.holder, lease.waitFlag,
					this.replica)) {
				case KEPT -> {
					lease.lastUsed = System.nanoTime();
					checkWhenIdle(lease, this.idleNanos);
				}
				case WANTED -> release(lease);
				case LOST -> {
					this.leases.remove(room, lease);
					logger.warn("The lock of room " + room + " ran out while message " + message.id()
							+ " was stored: it went out after the room's later messages, if any");
				}
				case FAILED -> this.leases.remove(room, lease);
			}
			return message;
		});
	}

	/**
	 * The room's lock, held by this replica: the one it keeps, renewed if half its lease
	 * is gone, or a new one. Called holding the room's local lock.
	 * @param room the room
	 * @return the lock, or {@code null} when Redis is unavailable or the lock could not
	 * be had within a lease
	 */
	private @Nullable Lease lease(String room) {
		Lease kept = this.leases.get(room);
		if (kept != null) {
			long now = System.nanoTime();
			if (now - kept.since < LEASE.toNanos() / 2) {
				return kept;
			}
			if (renew(kept, now)) {
				return kept;
			}
			this.leases.remove(room, kept);
		}
		return acquire(room);
	}

	private boolean renew(Lease lease, long now) {
		try {
			Long renewed = this.redis.execute(RENEW, List.of(lease.key), lease.holder,
					String.valueOf(LEASE.toMillis()));
			if (renewed != null && renewed == 1) {
				lease.since = now;
				return true;
			}
		}
		catch (RuntimeException ex) {
			// unavailable: a new lock is asked for, and fails the same way
		}
		return false;
	}

	private @Nullable Lease acquire(String room) {
		String key = this.prefix + "room-order:" + room;
		String waitFlag = key + ":waiting";
		String holder = this.replica + ":" + this.holds.incrementAndGet();
		long deadline = System.nanoTime() + LEASE.toNanos();
		long retry = FIRST_RETRY_NANOS;
		while (true) {
			long before = System.nanoTime();
			try {
				Long taken = this.redis.execute(ACQUIRE, List.of(key, waitFlag), holder,
						String.valueOf(LEASE.toMillis()), this.replica, String.valueOf(WAIT_FLAG.toMillis()));
				if (taken != null && taken == 1) {
					Lease lease = new Lease(room, key, waitFlag, holder, before);
					this.leases.put(room, lease);
					return lease;
				}
			}
			catch (RuntimeException ex) {
				return null;
			}
			if (System.nanoTime() > deadline) {
				logger.warn("The lock of room " + room + " was not free within " + LEASE.toSeconds()
						+ " s: a message goes out without it");
				return null;
			}
			LockSupport.parkNanos(retry);
			retry = Math.min(retry * 2, LAST_RETRY_NANOS);
		}
	}

	private void checkWhenIdle(Lease lease, long delayNanos) {
		if (!lease.checkScheduled && !this.idleChecks.isShutdown()) {
			lease.checkScheduled = true;
			this.idleChecks.schedule(() -> idleCheck(lease), delayNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void idleCheck(Lease lease) {
		this.local.locked(lease.room, () -> {
			lease.checkScheduled = false;
			if (this.leases.get(lease.room) == lease) {
				long idle = System.nanoTime() - lease.lastUsed;
				if (idle >= this.idleNanos) {
					release(lease);
				}
				else {
					checkWhenIdle(lease, this.idleNanos - idle);
				}
			}
			return null;
		});
	}

	/**
	 * Give a room's lock up. Called holding the room's local lock.
	 * @param lease the lock
	 */
	private void release(Lease lease) {
		this.leases.remove(lease.room, lease);
		try {
			this.redis.execute(RELEASE, List.of(lease.key), lease.holder);
		}
		catch (RuntimeException ex) {
			// the lease ends it
		}
	}

	/**
	 * Give every lock up: the replica stops.
	 */
	void close() {
		this.idleChecks.shutdownNow();
		this.leases.values().forEach((lease) -> this.local.locked(lease.room, () -> {
			if (this.leases.get(lease.room) == lease) {
				release(lease);
			}
			return null;
		}));
	}

	/**
	 * A room's lock held by this replica; its fields change under the room's local lock.
	 */
	private static final class Lease {

		final String room;

		final String key;

		final String waitFlag;

		final String holder;

		/**
		 * When the lease was taken or last renewed (before the command: it ends later).
		 */
		long since;

		long lastUsed;

		boolean checkScheduled;

		Lease(String room, String key, String waitFlag, String holder, long since) {
			this.room = room;
			this.key = key;
			this.waitFlag = waitFlag;
			this.holder = holder;
			this.since = since;
			this.lastUsed = since;
		}

	}

}
