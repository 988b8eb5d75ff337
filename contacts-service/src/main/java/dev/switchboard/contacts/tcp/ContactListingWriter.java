package dev.switchboard.contacts.tcp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.contacts.addressbook.ContactResponse;
import dev.switchboard.socket.server.SocketConnection;

/**
 * Writes a {@code list} or {@code search} reply as it reads it, page by page: the same
 * bytes as the whole reply serialized at once
 * ({@code {"status":true,"msg":"...","data":[{...},...]}}), but what one connection holds
 * is one page of contacts and one buffer, however many contacts there are and however
 * slowly the client reads (the socket server closes a client that reads nothing for its
 * write timeout).
 */
final class ContactListingWriter {

	static final int BUFFER_SIZE = 32 * 1024;

	private final JsonMapper json;

	private final ContactCommands commands;

	ContactListingWriter(JsonMapper json, ContactCommands commands) {
		this.json = json;
		this.commands = commands;
	}

	/**
	 * Write a reply. A failure of the store after the first page cuts the reply short:
	 * the client then gets incomplete JSON (its {@code status} was already sent).
	 * @param connection where to write
	 * @param msg the reply's {@code msg}
	 * @param listing the contacts
	 * @throws IOException when the client is gone or was closed for reading too slowly
	 */
	void write(SocketConnection connection, String msg, ContactListing listing) throws IOException {
		// {"status":true,"msg":"...","data":[]}: everything up to its '[' as the mapper
		// writes it, so that the reply is the whole document's bytes
		byte[] empty = this.json.writeValueAsBytes(CommandReply.ok(msg, List.of()));
		OutputStream output = new BufferedOutputStream(new ConnectionOutputStream(connection), BUFFER_SIZE);
		output.write(empty, 0, empty.length - 2);
		long written = 0;
		List<ContactResponse> page = listing.takeFirstPage();
		while (!page.isEmpty()) {
			long lastId = 0;
			for (ContactResponse contact : page) {
				if (written == listing.count()) {
					break;
				}
				if (written++ > 0) {
					output.write(',');
				}
				output.write(this.json.writeValueAsBytes(contact));
				lastId = contact.id();
			}
			long left = listing.count() - written;
			page = (left > 0)
					? this.commands.nextPage(listing.query(), lastId, (int) Math.min(left, ContactCommands.PAGE_SIZE))
					: List.of();
		}
		output.write(']');
		output.write('}');
		output.flush();
	}

	/**
	 * The connection as a stream: each write blocks until the socket took the bytes, so
	 * the buffer is reused at once.
	 */
	private static final class ConnectionOutputStream extends OutputStream {

		private final SocketConnection connection;

		ConnectionOutputStream(SocketConnection connection) {
			this.connection = connection;
		}

		@Override
		public void write(int b) throws IOException {
			this.connection.write(new byte[] { (byte) b });
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.connection.write(bytes, offset, length);
		}

	}

}
