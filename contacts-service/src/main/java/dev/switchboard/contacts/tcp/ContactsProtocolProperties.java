package dev.switchboard.contacts.tcp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the TCP contacts protocol (the socket server itself is
 * {@code switchboard.socket.servers.contacts}).
 *
 * @param maxResults Maximum number of contacts a list or search answers over TCP.
 * @param maxConcurrentCommands Maximum number of TCP commands using the database at once;
 * the others wait their turn. Keep it below the connection pool's size (Hikari: 10 by
 * default), so that a burst of TCP clients queues here instead of timing out in the pool,
 * where a wait means the database is gone, and leaves connections to REST.
 */
@ConfigurationProperties("switchboard.contacts.tcp")
record ContactsProtocolProperties(@DefaultValue("1000") int maxResults, @DefaultValue("8") int maxConcurrentCommands) {

	ContactsProtocolProperties {
		if (maxResults < 1 || maxResults > 10_000) {
			throw new IllegalArgumentException("switchboard.contacts.tcp.max-results must be between 1 and 10000");
		}
		if (maxConcurrentCommands < 1 || maxConcurrentCommands > 1000) {
			throw new IllegalArgumentException(
					"switchboard.contacts.tcp.max-concurrent-commands must be between 1 and 1000");
		}
	}

}
