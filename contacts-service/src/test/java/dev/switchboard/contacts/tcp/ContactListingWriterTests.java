package dev.switchboard.contacts.tcp;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.LongStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;

import dev.switchboard.contacts.addressbook.Contact;
import dev.switchboard.contacts.addressbook.ContactResponse;
import dev.switchboard.contacts.addressbook.ContactService;
import dev.switchboard.socket.framing.Framing;
import dev.switchboard.socket.server.SocketConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * A list reply written page by page is byte for byte the whole reply serialized at once,
 * and reads the store one page at a time, up to {@code max-results}.
 */
class ContactListingWriterTests {

	private final ContactService service = mock(ContactService.class);

	private final List<Contact> stored = LongStream.rangeClosed(1, 250)
		.mapToObj(ContactListingWriterTests::contact)
		.toList();

	@Test
	void shouldWriteTheSameBytesAsTheWholeReplyReadingAPageAtATime() throws Exception {
		storeReadsPages();
		ContactCommands commands = new ContactCommands(this.service, new ContactsProtocolProperties(1000, 8));
		CommandReply reply = commands.execute(ContactsSocketHandler.JSON.readTree("{\"cmd\": \"list\"}"));
		assertThat(reply.msg()).isEqualTo("250 contacts");
		RecordingConnection connection = new RecordingConnection();
		new ContactListingWriter(ContactsSocketHandler.JSON, commands).write(connection, reply.msg(),
				(ContactListing) reply.data());
		List<ContactResponse> all = this.stored.stream().map(ContactResponse::from).toList();
		assertThat(connection.bytes())
			.isEqualTo(ContactsSocketHandler.JSON.writeValueAsBytes(CommandReply.ok("250 contacts", all)));
		verify(this.service).findAfter(null, 100, 100);
		verify(this.service).findAfter(null, 200, 50);
		assertThat(connection.largestWrite).isLessThanOrEqualTo(ContactListingWriter.BUFFER_SIZE);
	}

	@Test
	void shouldStopAtMaxResultsAndSaySo() throws Exception {
		storeReadsPages();
		ContactCommands commands = new ContactCommands(this.service, new ContactsProtocolProperties(120, 8));
		CommandReply reply = commands.execute(ContactsSocketHandler.JSON.readTree("{\"cmd\": \"list\"}"));
		assertThat(reply.msg())
			.isEqualTo("first 120 of 250 contacts: use search, or the REST API to page through them");
		RecordingConnection connection = new RecordingConnection();
		new ContactListingWriter(ContactsSocketHandler.JSON, commands).write(connection, reply.msg(),
				(ContactListing) reply.data());
		List<ContactResponse> first = this.stored.stream().limit(120).map(ContactResponse::from).toList();
		assertThat(connection.bytes())
			.isEqualTo(ContactsSocketHandler.JSON.writeValueAsBytes(CommandReply.ok(reply.msg(), first)));
		verify(this.service).findAfter(null, 100, 20);
	}

	private void storeReadsPages() {
		given(this.service.find(isNull(), any(Pageable.class))).willAnswer((invocation) -> {
			Pageable pageable = invocation.getArgument(1);
			return new PageImpl<>(this.stored.subList(0, pageable.getPageSize()), pageable, this.stored.size());
		});
		given(this.service.findAfter(isNull(), anyLong(), anyInt())).willAnswer((invocation) -> {
			long after = invocation.getArgument(1);
			int size = invocation.getArgument(2);
			return this.stored.stream().filter((contact) -> contact.getId() > after).limit(size).toList();
		});
	}

	private static Contact contact(long id) {
		Contact contact = mock(Contact.class);
		given(contact.getId()).willReturn(id);
		given(contact.getName()).willReturn("Hélène n°" + id);
		given(contact.getMail()).willReturn("helene" + id + "@example.org");
		given(contact.getNotes()).willReturn("é".repeat(1000));
		return contact;
	}

	/**
	 * A connection that keeps what is written to it.
	 */
	private static final class RecordingConnection implements SocketConnection {

		private final ByteArrayOutputStream written = new ByteArrayOutputStream();

		private int largestWrite;

		byte[] bytes() {
			return this.written.toByteArray();
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			this.written.write(bytes, offset, length);
			this.largestWrite = Math.max(this.largestWrite, length);
		}

		@Override
		public String serverName() {
			return "contacts";
		}

		@Override
		public InetSocketAddress remoteAddress() {
			return new InetSocketAddress(0);
		}

		@Override
		public int maxRequestSize() {
			return 65536;
		}

		@Override
		public <T> @Nullable T read(Framing<T> framing) {
			return null;
		}

		@Override
		public boolean send(byte[] bytes) {
			return false;
		}

		@Override
		public long unsentBytes() {
			return 0;
		}

		@Override
		public void closeWhenSent() {
		}

		@Override
		public void countRefusal(String reason) {
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void close() {
		}

	}

}
