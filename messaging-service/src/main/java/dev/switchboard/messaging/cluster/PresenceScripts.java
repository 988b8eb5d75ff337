package dev.switchboard.messaging.cluster;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of {@link RedisPresence}: each runs atomically in Redis, so that two
 * replicas never both announce one person's arrival or departure. Every script takes the
 * key prefix, this replica's id and the presence TTL in milliseconds as its first
 * arguments, and reads the time from Redis ({@code TIME}), so that the replicas' clocks
 * do not matter.
 *
 * <p>
 * Keys: {@code <prefix>replicas} (sorted set: replica id by the time of its last
 * heartbeat), {@code <prefix>presence:<replica>} (hash: nickname in lower case to
 * {@code <user id>:<nickname>}, the user id empty for a guest) and
 * {@code <prefix>guest:<nickname in lower case>} (the replica holding that guest
 * nickname, with a TTL).
 */
final class PresenceScripts {

	/**
	 * Lua helpers shared by the scripts: the time, the live replicas, who holds a
	 * nickname.
	 */
	private static final String HELPERS = """
			local prefix, replica, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			local function alive()
			  return redis.call('ZRANGEBYSCORE', prefix .. 'replicas', now - ttl, '+inf')
			end
			local function elsewhere(field)
			  for _, other in ipairs(alive()) do
			    if other ~= replica and redis.call('HEXISTS', prefix .. 'presence:' .. other, field) == 1 then
			      return true
			    end
			  end
			  return false
			end
			""";

	/**
	 * A nickname's first connection on this replica: 1 when it is its first anywhere, 0
	 * when it was online elsewhere already, -1 when a guest's nickname is taken. ARGV:
	 * prefix, replica, ttl, field, value, guest ({@code 1} or {@code 0}).
	 */
	static final RedisScript<Long> CONNECT = RedisScript.of(HELPERS + """
			local field, value, guest = ARGV[4], ARGV[5], ARGV[6]
			local own = prefix .. 'presence:' .. replica
			local other = elsewhere(field)
			if guest == '1' then
			  if other or redis.call('HEXISTS', own, field) == 1 then return -1 end
			  if not redis.call('SET', prefix .. 'guest:' .. field, replica, 'NX', 'PX', ttl) then return -1 end
			end
			redis.call('ZADD', prefix .. 'replicas', now, replica)
			redis.call('HSET', own, field, value)
			redis.call('PEXPIRE', own, ttl * 3)
			if other then return 0 end
			return 1
			""", Long.class);

	/**
	 * A nickname's last connection on this replica closed: 1 when it was its last
	 * anywhere, 0 otherwise. ARGV: prefix, replica, ttl, field.
	 */
	static final RedisScript<Long> DISCONNECT = RedisScript.of(HELPERS + """
			local field = ARGV[4]
			redis.call('HDEL', prefix .. 'presence:' .. replica, field)
			local guest = prefix .. 'guest:' .. field
			if redis.call('GET', guest) == replica then redis.call('DEL', guest) end
			if elsewhere(field) then return 0 end
			return 1
			""", Long.class);

	/**
	 * This replica's heartbeat: it is alive, and its entries are exactly these (written
	 * anew: Redis may have restarted empty). ARGV: prefix, replica, ttl, the number of
	 * entries n, n field/value pairs, then the fields of this replica's guests.
	 */
	static final RedisScript<Long> HEARTBEAT = RedisScript.of(HELPERS + """
			local own = prefix .. 'presence:' .. replica
			local count = tonumber(ARGV[4])
			redis.call('ZADD', prefix .. 'replicas', now, replica)
			redis.call('DEL', own)
			for i = 0, count - 1 do
			  redis.call('HSET', own, ARGV[5 + 2 * i], ARGV[6 + 2 * i])
			end
			redis.call('PEXPIRE', own, ttl * 3)
			for i = 5 + 2 * count, #ARGV do
			  local guest = prefix .. 'guest:' .. ARGV[i]
			  local holder = redis.call('GET', guest)
			  if not holder or holder == replica then redis.call('SET', guest, replica, 'PX', ttl) end
			end
			return count
			""", Long.class);

	/**
	 * Forget the replicas whose last heartbeat is older than the TTL (each one by exactly
	 * one sweeper): answers the values of their entries that are online nowhere else, for
	 * whom to announce a departure. ARGV: prefix, replica, ttl.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> SWEEP = RedisScript.of(HELPERS + """
			local gone, seen = {}, {}
			local dead = redis.call('ZRANGEBYSCORE', prefix .. 'replicas', '-inf', '(' .. (now - ttl))
			for _, other in ipairs(dead) do
			  if redis.call('ZREM', prefix .. 'replicas', other) == 1 then
			    local hash = prefix .. 'presence:' .. other
			    local entries = redis.call('HGETALL', hash)
			    redis.call('DEL', hash)
			    for i = 1, #entries, 2 do
			      local field = entries[i]
			      if not seen[field] and not elsewhere(field)
			          and redis.call('HEXISTS', prefix .. 'presence:' .. replica, field) == 0 then
			        seen[field] = true
			        table.insert(gone, entries[i + 1])
			      end
			    end
			  end
			end
			return gone
			""", List.class);

	/**
	 * Everybody online on a live replica, once each: the values of their entries. ARGV:
	 * prefix, replica, ttl.
	 */
	@SuppressWarnings("rawtypes")
	static final RedisScript<List> ONLINE = RedisScript.of(HELPERS + """
			local online, seen = {}, {}
			for _, other in ipairs(alive()) do
			  local entries = redis.call('HGETALL', prefix .. 'presence:' .. other)
			  for i = 1, #entries, 2 do
			    if not seen[entries[i]] then
			      seen[entries[i]] = true
			      table.insert(online, entries[i + 1])
			    end
			  end
			end
			return online
			""", List.class);

	/**
	 * How many are online: the entries of the live replicas' hashes (someone connected to
	 * two replicas counts twice). ARGV: prefix, replica, ttl.
	 */
	static final RedisScript<Long> COUNT = RedisScript.of(HELPERS + """
			local count = 0
			for _, other in ipairs(alive()) do
			  count = count + redis.call('HLEN', prefix .. 'presence:' .. other)
			end
			return count
			""", Long.class);

	/**
	 * Who is online under a nickname on a live replica: the value of an entry, or nil.
	 * ARGV: prefix, replica, ttl, field.
	 */
	static final RedisScript<String> FIND = RedisScript.of(HELPERS + """
			for _, other in ipairs(alive()) do
			  local value = redis.call('HGET', prefix .. 'presence:' .. other, ARGV[4])
			  if value then return value end
			end
			return nil
			""", String.class);

	private PresenceScripts() {
	}

}
