package dev.switchboard.messaging.chat;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import dev.switchboard.messaging.messages.ChatMessage;

/**
 * Something every concerned chat connection must hear about. Events carry plain data (the
 * renderings are a local cache), so that a broker could carry them between replicas.
 */
public sealed interface ChatEvent {

	/**
	 * A message was stored and must reach its room's members, or the sockets of its
	 * sender and recipient.
	 *
	 * @param message the stored message
	 * @param origin the id of the connection that sent it, {@code null} when it came over
	 * REST
	 * @param ref the client's reference to echo to the origin connection, if any
	 * @param renderings each transport's encoding of this event
	 */
	record MessagePosted(ChatMessage message, @Nullable String origin, @Nullable Object ref,
			Renderings renderings) implements ChatEvent {

		public MessagePosted(ChatMessage message, @Nullable String origin, @Nullable Object ref) {
			this(message, origin, ref, new Renderings());
		}

		/**
		 * Return whether a connection sent this message.
		 * @param connectionId a connection's id
		 * @return whether it is the origin
		 */
		public boolean isFrom(String connectionId) {
			return connectionId.equals(this.origin);
		}

		/**
		 * Return the message encoded by a transport, encoding it on first use.
		 * @param <T> the encoded type
		 * @param encoder the transport's encoder, a constant: it is the cache key
		 * @return the encoded message
		 */
		public <T> T rendered(Function<ChatMessage, T> encoder) {
			return this.renderings.get(encoder, () -> encoder.apply(this.message));
		}

	}

	/**
	 * Someone came online (their first connection) or went offline (their last one
	 * closed).
	 *
	 * @param nickname who
	 * @param online whether they came online
	 * @param onlineCount how many people were online anywhere once it happened: every
	 * replica decides from it alike whether the chat is too crowded to announce it
	 * @param renderings each transport's encoding of this event
	 */
	record PresenceChanged(String nickname, boolean online, int onlineCount,
			Renderings renderings) implements ChatEvent {

		public PresenceChanged(String nickname, boolean online, int onlineCount) {
			this(nickname, online, onlineCount, new Renderings());
		}

		/**
		 * Return the change encoded by a transport, encoding it on first use.
		 * @param <T> the encoded type
		 * @param encoder the transport's encoder, a constant: it is the cache key
		 * @return the encoded change
		 */
		public <T> T rendered(Function<PresenceChanged, T> encoder) {
			return this.renderings.get(encoder, () -> encoder.apply(this));
		}

	}

	/**
	 * The encodings of one event, made once per event rather than once per recipient (one
	 * room message to a thousand sockets is encoded once).
	 */
	final class Renderings {

		private final ConcurrentMap<Object, Object> byEncoder = new ConcurrentHashMap<>(2);

		@SuppressWarnings("unchecked")
		<T> T get(Object encoder, java.util.function.Supplier<T> encode) {
			return (T) this.byEncoder.computeIfAbsent(encoder, (key) -> encode.get());
		}

	}

}
