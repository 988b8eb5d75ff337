package dev.switchboard.messaging.system;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the messaging-service, under {@code switchboard.messaging}.
 *
 * @param chat limits shared by every chat transport (WebSocket and TCP)
 * @param websocket settings of the WebSocket chat at {@code /ws/chat}
 * @param tcp settings of the TCP line chat (its server itself is
 * {@code switchboard.socket.servers.chat})
 * @param cluster how the chat's replicas share presence and messages: {@code auto} (Redis
 * when {@code spring.data.redis.host} or {@code spring.data.redis.url} is set, in-process
 * otherwise), {@code in-process} (one replica) or {@code redis}
 * @param replicaId the name of this replica in the chat's connection ids and in Redis,
 * unique among the replicas; a random one is chosen at start-up when it is not set
 * @param redis settings of the chat shared through Redis
 */
@ConfigurationProperties("switchboard.messaging")
public record MessagingProperties(@DefaultValue Chat chat, @DefaultValue WebSocket websocket, @DefaultValue Tcp tcp,
		@DefaultValue("auto") Cluster cluster, @Nullable String replicaId, @DefaultValue Redis redis) {

	/**
	 * How the chat's replicas share presence, guest nicknames and messages.
	 */
	public enum Cluster {

		/** Redis when {@code spring.data.redis.host} or {@code url} is set. */
		AUTO,

		/** One replica: everything stays in this process. */
		IN_PROCESS,

		/** Redis pub/sub and keys, through Spring Data Redis. */
		REDIS

	}

	/**
	 * Settings of the chat shared through Redis (the connection itself is
	 * {@code spring.data.redis.*}).
	 *
	 * @param keyPrefix the prefix of every key and channel the chat uses in Redis
	 * @param heartbeatInterval how often a replica refreshes its presence entries and
	 * guest nickname reservations, and looks for replicas that stopped doing so
	 * @param presenceTtl how long a replica's users stay online after its last heartbeat
	 * (when it died): the users of a dead replica are announced as gone within this plus
	 * one heartbeat interval
	 */
	public record Redis(@DefaultValue("switchboard:chat:") String keyPrefix,
			@DefaultValue("3s") Duration heartbeatInterval, @DefaultValue("10s") Duration presenceTtl) {

		public Redis {
			if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
					|| presenceTtl.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
				throw new IllegalArgumentException("switchboard.messaging.redis.presence-ttl must be at least twice "
						+ "the heartbeat-interval, which must be positive");
			}
		}

	}

	/**
	 * Limits shared by every chat transport.
	 *
	 * @param historySize how many of a room's latest messages a join answers with
	 * @param rateLimit how many frames or lines per second one connection may send on
	 * average
	 * @param rateBurst how many frames or lines one connection may send at once before
	 * the rate limit applies
	 * @param arrivalThreads how many database reads of arriving clients (sign-in, join,
	 * guest nickname) run at once, on platform threads; fewer than the connection pool's
	 * size, so that they never take every connection
	 * @param presenceBroadcastLimit how many people may be online while every arrival and
	 * departure is announced to everybody ({@code presence} {@code joined} and
	 * {@code left}): each one costs a frame per person online, so announcing them all
	 * grows with the square of the crowd (10,000 arrivals would be 50 million frames).
	 * Past it the chat goes quiet: no announcement, and a {@code welcome} lists only the
	 * first this many (sorted) and the newcomer, with {@code onlineCount} (a full list
	 * per arrival would cost the square of the crowd too), while {@code who} still lists
	 * everybody. Announcements resume, after a {@code presence} list of who is online
	 * sent to everybody, once at most 90% of it are online again
	 */
	public record Chat(@DefaultValue("50") int historySize, @DefaultValue("20") int rateLimit,
			@DefaultValue("40") int rateBurst, @DefaultValue("8") int arrivalThreads,
			@DefaultValue("1000") int presenceBroadcastLimit) {

		public Chat {
			if (presenceBroadcastLimit < 1) {
				throw new IllegalArgumentException(
						"switchboard.messaging.chat.presence-broadcast-limit must be at least 1");
			}
		}

	}

	/**
	 * Settings of the WebSocket chat.
	 *
	 * @param allowedOriginPatterns origins (CORS patterns such as
	 * {@code http://localhost:[*]}) whose pages may open the WebSocket, on top of the
	 * page's own origin; requests without an {@code Origin} header (non-browser clients)
	 * are always accepted
	 * @param maxFrameSize largest text frame (a whole message) a client may send; larger
	 * ones are answered with an error frame and dropped
	 * @param sendBufferLimit how much may wait to be sent to one client that reads too
	 * slowly before it is disconnected
	 * @param sendTimeLimit how long one send to a client may block before the client is
	 * disconnected
	 * @param authTimeout how long a new connection has to send its {@code auth} frame
	 * @param pingInterval how often the server pings every connection; a connection that
	 * sent nothing (not even a pong) for three intervals is closed
	 * @param maxSessions how many chat WebSockets may be open at once; further handshakes
	 * are answered 503 with {@code Retry-After}. Each open chat WebSocket holds about 27
	 * KiB of heap (measured by {@code bench/run.sh ws-memory}, most of it the container's
	 * buffers): 10,000 fit the 768 MiB heap compose gives messaging-service; raise it
	 * together with the heap ({@code -Xmx})
	 * @param maxSessionsPerUser how many chat WebSockets one user may have signed in at
	 * once; the {@code auth} frame of one more is answered with an error frame and the
	 * socket is closed with 1008 (policy violation)
	 * @param frameBufferSize the container's buffer for a frame being received, per
	 * connection: a larger frame arrives in parts, which the chat assembles up to
	 * {@code max-frame-size}; small, because every open socket holds one
	 * @param ioBufferSize Tomcat's per-connection WebSocket buffers (received bytes,
	 * bytes and characters being sent) and the connector's socket read and write buffers:
	 * every open socket holds five of them, and a longer message just takes more than one
	 * pass. Read once at start-up, before the web server starts (Tomcat takes it as the
	 * system property {@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE})
	 */
	public record WebSocket(@DefaultValue( {
			"http://localhost:[*]", "http://127.0.0.1:[*]", "http://[::1]:[*]" }) List<String> allowedOriginPatterns,
			@DefaultValue("8KB") DataSize maxFrameSize, @DefaultValue("1MB") DataSize sendBufferLimit,
			@DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("10s") Duration authTimeout,
			@DefaultValue("30s") Duration pingInterval, @DefaultValue("10000") int maxSessions,
			@DefaultValue("16") int maxSessionsPerUser, @DefaultValue("1KB") DataSize frameBufferSize,
			@DefaultValue("2KB") DataSize ioBufferSize){

	}

	/**
	 * Settings of the TCP line chat. What may wait to be sent to one client, and how long
	 * a client may read nothing, are limits of its socket server
	 * ({@code switchboard.socket.servers.chat.max-unsent-per-connection},
	 * {@code write-timeout}).
	 *
	 * @param signInTimeout how long a new connection has to sign in ({@code /auth} or
	 * {@code /nick}) before it gets an error line and is closed
	 */
	public record Tcp(@DefaultValue("30s") Duration signInTimeout) {

		public Tcp {
			if (signInTimeout.isNegative() || signInTimeout.isZero()) {
				throw new IllegalArgumentException("switchboard.messaging.tcp.sign-in-timeout must be positive");
			}
		}

	}

}
