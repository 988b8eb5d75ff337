package dev.switchboard.messaging.cluster;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

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
			if (this.failing.compareAndSet(true, false)) {
				logger.info("Redis is back: chat events reach every replica again");
			}
		}
		catch (RuntimeException ex) {
			if (this.failing.compareAndSet(false, true)) {
				logger.warn("Redis unavailable (" + ex.getMessage()
						+ "): chat events reach this replica's connections only until it is back");
			}
			this.roster.deliver(event);
		}
	}

	@Override
	public void onMessage(Message message, byte[] pattern) {
		ChatEvent event;
		try {
			event = this.codec.decode(new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			logger.warn("Ignored an unreadable chat event on " + this.channel + ": " + ex.getMessage());
			return;
		}
		this.roster.deliver(event);
	}

}
