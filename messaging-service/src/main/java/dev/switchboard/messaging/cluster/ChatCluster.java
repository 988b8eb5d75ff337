package dev.switchboard.messaging.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import dev.switchboard.messaging.chat.ChatFanout;
import dev.switchboard.messaging.chat.ChatReplica;
import dev.switchboard.messaging.chat.ChatRoster;
import dev.switchboard.messaging.chat.InProcessChatFanout;
import dev.switchboard.messaging.chat.InProcessPresence;
import dev.switchboard.messaging.chat.LocalRoomOrder;
import dev.switchboard.messaging.chat.Presence;
import dev.switchboard.messaging.chat.RoomOrder;
import dev.switchboard.messaging.system.MessagingProperties;

/**
 * How this replica shares the chat: alone (in-process fan-out and presence) or with the
 * other replicas through Redis. Which one is decided when the application starts, not
 * when it is built, so that an ahead-of-time processed application picks it from its
 * run-time configuration too. In Redis mode it subscribes to the events channel, beats
 * the presence heartbeat, and adds a {@code redis} health component.
 */
public final class ChatCluster implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ChatCluster.class);

	private final ChatFanout fanout;

	private final Presence presence;

	private final RoomOrder roomOrder;

	private final @Nullable Shared shared;

	private volatile boolean running;

	private ChatCluster(ChatFanout fanout, Presence presence, RoomOrder roomOrder, @Nullable Shared shared) {
		this.fanout = fanout;
		this.presence = presence;
		this.roomOrder = roomOrder;
		this.shared = shared;
	}

	/**
	 * The chat of a single replica.
	 * @param roster this replica's connections
	 * @return the in-process cluster
	 */
	static ChatCluster inProcess(ChatRoster roster) {
		InProcessChatFanout fanout = new InProcessChatFanout(roster);
		return new ChatCluster(fanout, new InProcessPresence(roster), new LocalRoomOrder(fanout), null);
	}

	/**
	 * The chat shared by replicas through Redis.
	 * @param roster this replica's connections
	 * @param replica this replica
	 * @param settings the Redis settings of the chat
	 * @param connectionFactory the Redis connection factory
	 * @param json the JSON mapper of the events
	 * @param health the registry to add the {@code redis} component to, if any (looked up
	 * when the chat starts: the registry depends on the servers, which depend on the
	 * chat)
	 * @return the Redis cluster
	 */
	static ChatCluster redis(ChatRoster roster, ChatReplica replica, MessagingProperties.Redis settings,
			RedisConnectionFactory connectionFactory, JsonMapper json,
			ObjectProvider<HealthContributorRegistry> health) {
		StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
		String channel = settings.keyPrefix() + "events";
		RedisChatFanout fanout = new RedisChatFanout(redis, channel, new ChatEventCodec(json), roster);
		RedisPresence presence = new RedisPresence(redis, roster, replica, settings.keyPrefix(),
				settings.presenceTtl());
		roster.listOnlineWith(presence::onlineNicknames);
		Shared shared = new Shared(connectionFactory, fanout, presence, channel, settings, health, replica);
		RedisRoomOrder roomOrder = new RedisRoomOrder(redis, fanout, settings.keyPrefix(), replica.id());
		return new ChatCluster(fanout, presence, roomOrder, shared);
	}

	/**
	 * Return the fan-out.
	 * @return the fan-out
	 */
	public ChatFanout fanout() {
		return this.fanout;
	}

	/**
	 * Return the presence.
	 * @return the presence
	 */
	public Presence presence() {
		return this.presence;
	}

	/**
	 * Return the room order.
	 * @return the room order
	 */
	public RoomOrder roomOrder() {
		return this.roomOrder;
	}

	/**
	 * Return whether the chat is shared through Redis.
	 * @return whether it is
	 */
	public boolean isRedis() {
		return this.shared != null;
	}

	@Override
	public void start() {
		if (this.shared != null) {
			this.shared.start();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		if (this.roomOrder instanceof RedisRoomOrder redisRoomOrder) {
			// the other replicas need not wait for these rooms' leases to run out
			redisRoomOrder.close();
		}
		if (this.shared != null) {
			this.shared.stop();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// start before the chat's servers (web and socket) accept anyone, stop after they
		// are closed
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	/**
	 * What the Redis mode runs: the subscription, the heartbeat, the health component.
	 */
	private static final class Shared {

		private final RedisConnectionFactory connectionFactory;

		private final RedisChatFanout fanout;

		private final RedisPresence presence;

		private final String channel;

		private final MessagingProperties.Redis settings;

		private final ObjectProvider<HealthContributorRegistry> health;

		private final ChatReplica replica;

		private @Nullable RedisMessageListenerContainer container;

		private volatile boolean stopped;

		private boolean subscribeFailed;

		private @Nullable ScheduledExecutorService heartbeat;

		Shared(RedisConnectionFactory connectionFactory, RedisChatFanout fanout, RedisPresence presence, String channel,
				MessagingProperties.Redis settings, ObjectProvider<HealthContributorRegistry> health,
				ChatReplica replica) {
			this.connectionFactory = connectionFactory;
			this.fanout = fanout;
			this.presence = presence;
			this.channel = channel;
			this.settings = settings;
			this.health = health;
			this.replica = replica;
		}

		void start() {
			subscribe();
			ScheduledExecutorService heartbeat = Executors
				.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chat-presence").daemon().factory());
			long interval = this.settings.heartbeatInterval().toMillis();
			heartbeat.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
			this.heartbeat = heartbeat;
			HealthContributorRegistry registry = this.health.getIfAvailable();
			if (registry != null && registry.getContributor("redis") == null) {
				registry.registerContributor("redis", new DataRedisHealthIndicator(this.connectionFactory));
			}
			logger.info("Chat shared through Redis as replica " + this.replica + " (channel " + this.channel + ")");
		}

		/**
		 * Subscribe to the events channel. Once subscribed, the container renews the
		 * subscription by itself after Redis comes back; a replica that starts while
		 * Redis is down serves its own clients and tries again at each heartbeat.
		 */
		private synchronized void subscribe() {
			if (this.container != null || this.stopped) {
				return;
			}
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(this.connectionFactory);
			// deliver on the subscription's thread, in the order Redis sends: delivering
			// only queues frames and lines
			container.setTaskExecutor(new SyncTaskExecutor());
			container.addMessageListener(this.fanout, new ChannelTopic(this.channel));
			container.afterPropertiesSet();
			try {
				container.start();
				this.container = container;
				if (this.subscribeFailed) {
					logger.info("Subscribed to " + this.channel + ": events reach this replica again");
				}
			}
			catch (RuntimeException ex) {
				String message = "Cannot subscribe to " + this.channel + " yet (" + ex.getMessage()
						+ "): this replica serves its own clients and tries again at each heartbeat";
				if (this.subscribeFailed) {
					logger.debug(message);
				}
				else {
					logger.warn(message);
				}
				this.subscribeFailed = true;
				destroy(container);
			}
		}

		private void beat() {
			subscribe();
			try {
				this.presence.heartbeat(this.fanout);
			}
			catch (RuntimeException ex) {
				logger.debug("Chat presence heartbeat failed: " + ex.getMessage());
			}
		}

		void stop() {
			this.stopped = true;
			if (this.heartbeat != null) {
				this.heartbeat.shutdownNow();
			}
			this.presence.leave(this.fanout);
			synchronized (this) {
				if (this.container != null) {
					destroy(this.container);
					this.container = null;
				}
			}
		}

		private static void destroy(RedisMessageListenerContainer container) {
			try {
				container.destroy();
			}
			catch (Exception ex) {
				logger.debug("Closing the chat's Redis subscription failed: " + ex.getMessage());
			}
		}

	}

}
