package dev.switchboard.messaging.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatFanout;
import dev.switchboard.messaging.chat.ChatRoster;

/**
 * The fan-out of several replicas: every event is published on one Redis channel, and
 * every replica (the publisher included) delivers what it hears to its own connections.
 * Each subscriber thus gets each event once, and a replica's events in the order it
 * published them. When Redis cannot take the event, it is delivered to this replica's
 * connections only: the message was stored and is acknowledged; the other replicas'
 * clients recover it with {@code join} + {@code since}.
 */
final class RedisChatFanout implements ChatFanout, MessageListener {

	private static final Log logger = LogFactory.getLog(RedisChatFanout.class);

	/**
	 * Publish (KEYS[1] a room's lock, KEYS[2] its wait flag; ARGV the holder, the
	 * channel, the event, the replica), answering 1 when the holder still holds the lock,
	 * 2 when it does and another replica waits for it, 0 when it no longer holds it (the
	 * event is published all the same: it is stored).
	 */
	private static final RedisScript<Long> PUBLISH_HOLDING = RedisScript.of("""
			local held = redis.call('GET', KEYS[1]) == ARGV[1]
			redis.call('PUBLISH', ARGV[2], ARGV[3])
			if not held then return 0 end
			local waiting = redis.call('GET', KEYS[2])
			if waiting and waiting ~= ARGV[4] then return 2 end
			return 1""", Long.class);

	private final StringRedisTemplate redis;

	private final String channel;

	private final ChatEventCodec codec;

	private final ChatRoster roster;

	private final AtomicBoolean failing = new AtomicBoolean();

	RedisChatFanout(StringRedisTemplate redis, String channel, ChatEventCodec codec, ChatRoster roster) {
		this.redis = redis;
		this.channel = channel;
		this.codec = codec;
		this.roster = roster;
	}

	@Override
	public void publish(ChatEvent event) {
		String payload = this.codec.encode(event);
		try {
			this.redis.convertAndSend(this.channel, payload);
			succeeded();
		}
		catch (RuntimeException ex) {
			failed(event, ex);
		}
	}

	/**
	 * Publish an event while holding a room's lock, and learn in the same round trip
	 * whether the lock is still held and whether another replica waits for it.
	 * @param event the event
	 * @param lock the room's lock key
	 * @param holder this holder's value of the lock
	 * @param waitFlag the room's wait flag key
	 * @param replica this replica's id (its own wait flag does not count)
	 * @return what became of the lock
	 */
	Holding publishHolding(ChatEvent event, String lock, String holder, String waitFlag, String replica) {
		String payload = this.codec.encode(event);
		try {
			Long held = this.redis.execute(PUBLISH_HOLDING, List.of(lock, waitFlag), holder, this.channel, payload,
					replica);
			succeeded();
			return switch ((held != null) ? held.intValue() : 0) {
				case 1 -> Holding.KEPT;
				case 2 -> Holding.WANTED;
				default -> Holding.LOST;
			};
		}
		catch (RuntimeException ex) {
			failed(event, ex);
			return Holding.FAILED;
		}
	}

	private void succeeded() {
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Redis is back: chat events reach every replica again");
		}
	}

	private void failed(ChatEvent event, RuntimeException ex) {
		if (this.failing.compareAndSet(false, true)) {
			logger.warn("Redis unavailable (" + ex.getMessage()
					+ "): chat events reach this replica's connections only until it is back");
		}
		this.roster.deliver(event);
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		ChatEvent event;
		try {
			event = this.codec.decode(new String(message.getBody(), StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			logger.warn("Ignored an unreadable chat event on " + this.channel + ": " + ex.getMessage());
			return;
		}
		this.roster.deliver(event);
	}

	/**
	 * What became of a room's lock when an event was published holding it.
	 */
	enum Holding {

		/** Still held, and nobody else waits for it. */
		KEPT,

		/** Still held, and another replica waits for it. */
		WANTED,

		/** No longer held (its lease ran out): the event went out of turn. */
		LOST,

		/** Redis could not be reached: the event went to this replica's connections. */
		FAILED

	}

}
