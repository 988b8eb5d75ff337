package dev.switchboard.messaging.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;

import dev.switchboard.messaging.chat.ChatConnection;
import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatFanout;
import dev.switchboard.messaging.chat.ChatIdentity;
import dev.switchboard.messaging.chat.ChatReplica;
import dev.switchboard.messaging.chat.ChatRoster;
import dev.switchboard.messaging.chat.Presence;
import dev.switchboard.messaging.users.Nicknames;

/**
 * The presence of several replicas, kept in Redis ({@link PresenceScripts}): each replica
 * writes who is connected to it in a hash of its own and renews it with a heartbeat; a
 * replica that stops (it died) is forgotten after the TTL by the first replica that
 * notices, which announces the departure of its users. Guest nicknames are reserved with
 * {@code SET NX} and a TTL the heartbeat refreshes. When Redis is unavailable each
 * replica answers from its own connections, and the next heartbeat writes them back.
 */
final class RedisPresence implements Presence {

	private static final Log logger = LogFactory.getLog(RedisPresence.class);

	private final StringRedisTemplate redis;

	private final ChatRoster roster;

	private final String prefix;

	private final String replica;

	private final String ttl;

	/**
	 * Connects and disconnects share it, a heartbeat takes it alone: it writes what the
	 * roster holds, and nothing changes meanwhile.
	 */
	private final ReentrantReadWriteLock heartbeatLock = new ReentrantReadWriteLock();

	/** One nickname's connects and disconnects happen one at a time on this replica. */
	private final Lock[] nicknameLocks = new Lock[64];

	private final AtomicBoolean failing = new AtomicBoolean();

	/** Set at shutdown, once this replica's users were announced gone. */
	private volatile boolean left;

	RedisPresence(StringRedisTemplate redis, ChatRoster roster, ChatReplica replica, String prefix, Duration ttl) {
		this.redis = redis;
		this.roster = roster;
		this.prefix = prefix;
		this.replica = replica.id();
		this.ttl = Long.toString(ttl.toMillis());
		for (int i = 0; i < this.nicknameLocks.length; i++) {
			this.nicknameLocks[i] = new java.util.concurrent.locks.ReentrantLock();
		}
	}

	@Override
	public boolean signIn(ChatConnection connection) {
		ChatIdentity identity = connection.identity();
		return locked(identity, () -> {
			if (!this.roster.add(connection)) {
				return false;
			}
			Long first = call(() -> run(PresenceScripts.CONNECT, identity.key(), value(identity), "0"), null);
			return first == null || first == 1;
		});
	}

	@Override
	public boolean signInGuest(ChatConnection connection) {
		ChatIdentity identity = connection.identity();
		return locked(identity, () -> {
			if (this.roster.isOnline(identity.nickname())) {
				return false;
			}
			Long reserved = call(() -> run(PresenceScripts.CONNECT, identity.key(), value(identity), "1"), null);
			if (reserved == null) {
				return this.roster.addGuest(connection);
			}
			if (reserved < 0) {
				return false;
			}
			this.roster.add(connection);
			return true;
		});
	}

	@Override
	public boolean signOut(ChatConnection connection) {
		if (!this.roster.contains(connection)) {
			return false;
		}
		ChatIdentity identity = connection.identity();
		return locked(identity, () -> {
			if (!this.roster.remove(connection)) {
				return false;
			}
			if (this.left) {
				return false;
			}
			Long last = call(() -> run(PresenceScripts.DISCONNECT, identity.key()), null);
			return last == null || last == 1;
		});
	}

	@Override
	public List<String> onlineNicknames() {
		List<Entry> online = onlineEverywhere();
		if (online == null) {
			return this.roster.onlineNicknames();
		}
		return online.stream().map(Entry::nickname).sorted(Comparator.comparing(Nicknames::key)).toList();
	}

	@Override
	public int onlineCount() {
		Long count = call(() -> run(PresenceScripts.COUNT), null);
		return (count != null) ? count.intValue() : this.roster.onlineCount();
	}

	@Override
	public Optional<ChatIdentity> online(String nickname) {
		Optional<ChatIdentity> here = this.roster.online(nickname);
		if (here.isPresent()) {
			return here;
		}
		String value = call(() -> this.redis.execute(PresenceScripts.FIND, List.of(), this.prefix, this.replica,
				this.ttl, Nicknames.key(nickname)), null);
		return Optional.ofNullable(value).map(Entry::parse).map(Entry::identity);
	}

	@Override
	public boolean isInUseByGuest(String nickname) {
		if (this.roster.isInUseByGuest(nickname)) {
			return true;
		}
		Boolean reserved = call(() -> this.redis.hasKey(this.prefix + "guest:" + Nicknames.key(nickname)), null);
		return Boolean.TRUE.equals(reserved);
	}

	@Override
	public Set<Long> onlineUserIds() {
		List<Entry> online = onlineEverywhere();
		if (online == null) {
			return this.roster.onlineUserIds();
		}
		Set<Long> ids = new HashSet<>();
		online.forEach((entry) -> {
			if (entry.userId() != null) {
				ids.add(entry.userId());
			}
		});
		return ids;
	}

	/**
	 * Tell Redis that this replica is alive and who is connected to it, then forget the
	 * replicas that stopped doing so, announcing the departure of their users.
	 * @param fanout where to announce departures
	 */
	void heartbeat(ChatFanout fanout) {
		Lock lock = this.heartbeatLock.writeLock();
		lock.lock();
		try {
			List<ChatIdentity> here = this.roster.identities();
			List<String> args = new ArrayList<>(
					List.of(this.prefix, this.replica, this.ttl, Integer.toString(here.size())));
			here.forEach((identity) -> {
				args.add(identity.key());
				args.add(value(identity));
			});
			here.stream().filter(ChatIdentity::isGuest).forEach((guest) -> args.add(guest.key()));
			call(() -> this.redis.execute(PresenceScripts.HEARTBEAT, List.of(), args.toArray()), null);
		}
		finally {
			lock.unlock();
		}
		@SuppressWarnings("unchecked")
		List<String> gone = call(() -> (List<String>) this.redis.execute(PresenceScripts.SWEEP, List.of(), this.prefix,
				this.replica, this.ttl), null);
		if (gone != null && !gone.isEmpty()) {
			int count = onlineCount();
			gone.forEach((value) -> fanout
				.publish(new ChatEvent.PresenceChanged(Entry.parse(value).nickname(), false, count)));
		}
	}

	/**
	 * Remove this replica's entries at shutdown: its users leave at once rather than
	 * after the TTL.
	 * @param fanout where to announce departures
	 */
	void leave(ChatFanout fanout) {
		this.left = true;
		int online = onlineCount();
		for (ChatIdentity identity : this.roster.identities()) {
			Long last = call(() -> run(PresenceScripts.DISCONNECT, identity.key()), null);
			if (last != null && last == 1) {
				fanout.publish(new ChatEvent.PresenceChanged(identity.nickname(), false, --online));
			}
		}
		call(() -> this.redis.opsForZSet().remove(this.prefix + "replicas", this.replica), null);
	}

	private @Nullable List<Entry> onlineEverywhere() {
		@SuppressWarnings("unchecked")
		List<String> values = call(() -> (List<String>) this.redis.execute(PresenceScripts.ONLINE, List.of(),
				this.prefix, this.replica, this.ttl), null);
		return (values != null) ? values.stream().map(Entry::parse).toList() : null;
	}

	private Long run(org.springframework.data.redis.core.script.RedisScript<Long> script, String... more) {
		Object[] args = new Object[3 + more.length];
		args[0] = this.prefix;
		args[1] = this.replica;
		args[2] = this.ttl;
		System.arraycopy(more, 0, args, 3, more.length);
		return this.redis.execute(script, List.of(), args);
	}

	private boolean locked(ChatIdentity identity, Supplier<Boolean> action) {
		Lock shared = this.heartbeatLock.readLock();
		Lock nickname = this.nicknameLocks[Math.floorMod(identity.key().hashCode(), this.nicknameLocks.length)];
		shared.lock();
		nickname.lock();
		try {
			return action.get();
		}
		finally {
			nickname.unlock();
			shared.unlock();
		}
	}

	/**
	 * Run a Redis call, or answer a fallback when Redis is unavailable.
	 */
	private <T> @Nullable T call(Supplier<T> call, @Nullable T fallback) {
		try {
			T result = call.get();
			if (this.failing.compareAndSet(true, false)) {
				logger.info("Redis is back: presence is shared by every replica again");
			}
			return result;
		}
		catch (RuntimeException ex) {
			if (this.failing.compareAndSet(false, true)) {
				logger.warn(
						"Redis unavailable (" + ex.getMessage() + "): presence is this replica's own until it is back");
			}
			return fallback;
		}
	}

	private static String value(ChatIdentity identity) {
		return Objects.toString(identity.userId(), "") + ":" + identity.nickname();
	}

	/**
	 * Someone online, as a replica's hash holds them.
	 *
	 * @param userId the user's id, {@code null} for a guest
	 * @param nickname the nickname
	 */
	private record Entry(@Nullable Long userId, String nickname) {

		static Entry parse(String value) {
			int colon = value.indexOf(':');
			String id = value.substring(0, colon);
			return new Entry(id.isEmpty() ? null : Long.valueOf(id), value.substring(colon + 1));
		}

		ChatIdentity identity() {
			return new ChatIdentity(this.userId, this.nickname);
		}

	}

}
