package dev.switchboard.contacts.tcp;

import java.io.IOException;
import java.net.SocketTimeoutException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import dev.switchboard.socket.framing.FramingException;
import dev.switchboard.socket.framing.Framings;
import dev.switchboard.socket.server.SocketConnection;
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
 * character split across two chunks would crash it. Requests are parsed as a tree and
 * never bound to arbitrary types.
 */
@Component
@Qualifier("contacts")
class ContactsSocketHandler implements SocketHandler {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final ContactCommands commands;

	ContactsSocketHandler(ContactCommands commands) {
		this.commands = commands;
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
		connection.write(JSON.writeValueAsBytes(reply));
	}

}
