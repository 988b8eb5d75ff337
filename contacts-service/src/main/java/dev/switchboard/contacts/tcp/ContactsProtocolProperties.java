package dev.switchboard.contacts.tcp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the TCP contacts protocol (the socket server itself is
 * {@code switchboard.socket.servers.contacts}).
 *
 * @param maxResults Maximum number of contacts a list or search answers over TCP.
 */
@ConfigurationProperties("switchboard.contacts.tcp")
record ContactsProtocolProperties(@DefaultValue("1000") int maxResults) {

	ContactsProtocolProperties {
		if (maxResults < 1 || maxResults > 10_000) {
			throw new IllegalArgumentException("switchboard.contacts.tcp.max-results must be between 1 and 10000");
		}
	}

}
