package dev.switchboard.contacts.tcp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import dev.switchboard.contacts.addressbook.ContactRequest;
import dev.switchboard.contacts.addressbook.ContactResponse;
import dev.switchboard.contacts.addressbook.ContactService;
import dev.switchboard.test.postgres.WithEmbeddedPostgres;
import dev.switchboard.test.python.Python3;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A big address book over TCP, on a database of its own: the list is streamed page by
 * page, byte for byte the reply built whole, and the course's own Python client gets all
 * of it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "switchboard.contacts.tcp.max-results=5000")
@WithEmbeddedPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactListingTests {

	private static final int CONTACTS = 1200;

	private static final String NOTES = "Note écrite à la main, très détaillée ; ".repeat(20);

	@Value("${local.switchboard.socket.contacts.port}")
	private int port;

	@Autowired
	private ContactService service;

	@BeforeAll
	void storeManyContacts() {
		for (int i = 0; i < CONTACTS; i++) {
			// every third one found by its mail, every fifth by its name
			String name = ((i % 5 == 0) ? "Zoé Needle " : "Hélène ") + i;
			String mail = ((i % 3 == 0) ? "needle." : "person.") + i + "@example.org";
			this.service.create(new ContactRequest(name, mail, null, NOTES));
		}
	}

	@Test
	void shouldStreamTheSameBytesAsTheWholeReply() {
		List<ContactResponse> all = this.service.find(null, PageRequest.of(0, 5000, Sort.by("id")))
			.map(ContactResponse::from)
			.getContent();
		assertThat(all).hasSize(CONTACTS);
		byte[] expected = ContactsSocketHandler.JSON.writeValueAsBytes(CommandReply.ok(CONTACTS + " contacts", all));
		String reply = TcpExchange.raw(this.port, "{\"cmd\": \"list\", \"args\": {}}".getBytes(StandardCharsets.UTF_8));
		assertThat(reply.getBytes(StandardCharsets.UTF_8)).isEqualTo(expected);
		assertThat(expected.length).as("a reply of many pages").isGreaterThan(1_000_000);
	}

	@Test
	void shouldSearchNamesAndMailsAcrossPagesInIdOrder() {
		List<ContactResponse> expected = this.service.find("needle", PageRequest.of(0, 5000, Sort.by("id")))
			.map(ContactResponse::from)
			.getContent();
		assertThat(expected).hasSize(CONTACTS / 3 + CONTACTS / 5 - CONTACTS / 15);
		JsonNode reply = TcpExchange.send(this.port, "{\"cmd\": \"search\", \"args\": {\"q\": \"NEEDLE\"}}");
		assertThat(reply.get("msg").asString()).isEqualTo(expected.size() + " contacts");
		assertThat(reply.get("data").valueStream().map((contact) -> contact.get("id").asLong()).toList())
			.isEqualTo(expected.stream().map(ContactResponse::id).toList());
	}

	@Test
	void shouldGiveTheCourseClientTheWholeList() throws Exception {
		String program = new ClassPathResource("seeds/contact_client.py").getContentAsString(StandardCharsets.UTF_8)
				+ """

						import sys
						c = ContactClient("localhost", int(sys.argv[1]))
						msg, data = c.command("list")
						print(msg)
						print(len(data), len(set(contact["id"] for contact in data)))
						print(data[-1]["name"], data[-1]["notes"] == sys.argv[2])
						""";
		String output = Python3.run(Duration.ofSeconds(120), Map.of(), program, String.valueOf(this.port), NOTES)
			.successfulOutput();
		assertThat(output)
			.isEqualTo(CONTACTS + " contacts\n" + CONTACTS + " " + CONTACTS + "\nHélène " + (CONTACTS - 1) + " True\n");
	}

}
