package dev.switchboard.messaging.chat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * This replica of the chat: its name, which makes connection ids unique across replicas
 * ({@code tcp-<replica>-<n>}, {@code ws-<replica>-<session>}).
 */
public final class ChatReplica {

	private final String id;

	private final AtomicLong connections = new AtomicLong();

	/**
	 * Name this replica.
	 * @param id the configured name, or {@code null} for a random one
	 */
	public ChatReplica(@Nullable String id) {
		this.id = (id != null && !id.isBlank()) ? id.strip()
				: UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/**
	 * Return this replica's name.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return a new connection id, unique across replicas.
	 * @param transport the transport's short name, such as {@code tcp}
	 * @return {@code <transport>-<replica>-<n>}
	 */
	public String newConnectionId(String transport) {
		return transport + "-" + this.id + "-" + this.connections.incrementAndGet();
	}

	/**
	 * Return the id of a connection named by its transport, unique across replicas.
	 * @param transport the transport's short name, such as {@code ws}
	 * @param localId the transport's own id, unique in this process
	 * @return {@code <transport>-<replica>-<localId>}
	 */
	public String connectionId(String transport, String localId) {
		return transport + "-" + this.id + "-" + localId;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
