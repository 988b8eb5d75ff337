package dev.switchboard.contacts.tcp;

import java.io.IOException;
import java.net.SocketTimeoutException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import dev.switchboard.socket.framing.FramingException;
import dev.switchboard.socket.framing.Framings;
import dev.switchboard.socket.server.SocketConnection;
import dev.switchboard.service.problem.StorageFailures;
import dev.switchboard.socket.server.SocketHandler;

/**
 * The course's TCP contacts protocol, served by the socket server named {@code contacts}:
 * one JSON document in (no delimiter, no half-close), one JSON reply out, then close.
 *
 * <pre>
 * client: {"cmd": "add", "args": {"name": "Hélène", "mail": "helene@example.org"}}
 * server: {"status":true,"msg":"contact 1 added","data":{"id":1,"name":"H\u00e9l\u00e8ne",...}}
 * </pre>
 *
 * Replies escape every non-ASCII character ({@code \u00e9}, as Python's
 * {@code json.dumps}): the course's client decodes each 1 KiB chunk on its own, and a
 * character split across two chunks would crash it. A list or search reply is written as
 * it is read from the store, page by page, never built whole. Requests are parsed as a
 * tree and never bound to arbitrary types; one that is not valid UTF-8 (overlong forms
 * included) is refused by the framing before it is parsed.
 */
@Component
@Qualifier("contacts")
class ContactsSocketHandler implements SocketHandler {

	private static final Log logger = LogFactory.getLog(ContactsSocketHandler.class);

	static final JsonMapper JSON = JsonMapper.builder()
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final ContactCommands commands;

	private final ContactListingWriter listings;

	ContactsSocketHandler(ContactCommands commands) {
		this.commands = commands;
		this.listings = new ContactListingWriter(JSON, commands);
	}

	@Override
	public void handle(SocketConnection connection) throws IOException {
		CommandReply reply;
		try {
			byte[] request = connection.read(Framings.jsonDocument(connection.maxRequestSize()));
			if (request == null) {
				return; // connected and left without a word
			}
			reply = this.commands.execute(JSON.readTree(request));
		}
		catch (FramingException | SocketTimeoutException ex) {
			reply = CommandReply.error(ex.getMessage());
		}
		catch (JacksonException ex) {
			reply = CommandReply.error("malformed JSON: " + ex.getOriginalMessage());
		}
		if (reply.data() instanceof ContactListing listing) {
			writeListing(connection, reply.msg(), listing);
		}
		else {
			connection.write(JSON.writeValueAsBytes(reply));
		}
	}

	private void writeListing(SocketConnection connection, String msg, ContactListing listing) throws IOException {
		try {
			this.listings.write(connection, msg, listing);
		}
		catch (RuntimeException ex) {
			if (!StorageFailures.isUnavailable(ex)) {
				throw ex;
			}
			// the status was sent already: cut the reply short rather than lie
			logger
				.warn("Contacts storage unavailable while a TCP list was written, reply cut short: " + ex.getMessage());
		}
	}

}
