package dev.switchboard.contacts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.switchboard.contacts.tcp.TcpExchange;
import dev.switchboard.test.postgres.WithEmbeddedPostgres;
import dev.switchboard.test.python.Python3;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * contacts-service end to end on a real PostgreSQL: REST, the TCP protocol with the
 * course's own Python client, and one store behind both.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithEmbeddedPostgres
class ContactsServiceIntegrationTests {

	@Value("${local.server.port}")
	private int httpPort;

	@Value("${local.switchboard.socket.contacts.port}")
	private int tcpPort;

	private RestTestClient rest;

	@BeforeEach
	void createClient() {
		this.rest = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.httpPort).build();
	}

	@Test
	void shouldServeTheCourseContactClientVerbatim() throws Exception {
		String mail = unique("basile") + "@mines-paristech.fr";
		String program = new ClassPathResource("seeds/contact_client.py").getContentAsString(StandardCharsets.UTF_8)
				+ """

						import sys
						c = ContactClient("localhost", int(sys.argv[1]))
						before = c.command("list")
						added = c.command("add", name="Basile Marchand", mail=sys.argv[2])
						after = c.command("list")
						print(before[0])
						print(added)
						print(len(after[1]) - len(before[1]), after[1][-1]["mail"])
						c.command("add", name="Basile Again", mail=sys.argv[2])
						""";
		String output = Python3.run(Duration.ofSeconds(60), Map.of(), program, String.valueOf(this.tcpPort), mail)
			.successfulOutput();
		String[] lines = output.split("\n");
		assertThat(lines[0]).endsWith("contacts").containsPattern("^\\d+ contacts?$");
		assertThat(lines[1]).startsWith("('contact ").contains("'name': 'Basile Marchand'", "'mail': '" + mail + "'");
		assertThat(lines[2]).isEqualTo("1 " + mail);
		assertThat(lines[3]).isEqualTo("ERROR : A contact with mail " + mail + " already exists.");
	}

	@Test
	void shouldNeverSplitACharacterForTheCourseClientThatDecodesEachKilobyte() throws Exception {
		// a reply well over 1 KiB, full of multi-byte characters
		String name = "Éléonore Hélène Bérénice Müller-Çelik ÅØÆ ğüşöç ".repeat(2).strip();
		String mail = unique("eleonore") + "@example.org";
		String program = new ClassPathResource("seeds/contact_client.py").getContentAsString(StandardCharsets.UTF_8)
				+ """

						import sys
						c = ContactClient("localhost", int(sys.argv[1]))
						for i in range(4):
						    c.command("add", name=sys.argv[2], mail=str(i) + sys.argv[3], notes=sys.argv[2] * 4)
						msg, data = c.command("search", q=sys.argv[3])
						print(msg, data[0]["name"] == sys.argv[2])
						""";
		String output = Python3.run(Duration.ofSeconds(60), Map.of(), program, String.valueOf(this.tcpPort), name, mail)
			.successfulOutput();
		assertThat(output).isEqualTo("4 contacts True\n");
	}

	@Test
	void shouldShowContactsAddedOverTcpOverRestAndTheOtherWayRound() {
		String mail = unique("tcp") + "@example.org";
		JsonNode added = TcpExchange.send(this.tcpPort,
				"{\"cmd\": \"add\", \"args\": {\"name\": \"Over TCP\", \"mail\": \"" + mail + "\"}}");
		assertThat(added.get("status").asBoolean()).isTrue();
		long id = added.get("data").get("id").asLong();
		this.rest.get()
			.uri("/api/contacts/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.mail")
			.isEqualTo(mail);

		String restMail = unique("rest") + "@example.org";
		JsonNode created = this.rest.post()
			.uri("/api/contacts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Over REST", "mail", restMail))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(JsonNode.class)
			.getResponseBody();
		JsonNode got = TcpExchange.send(this.tcpPort,
				"{\"cmd\": \"get\", \"args\": {\"id\": " + created.get("id").asLong() + "}}");
		assertThat(got.get("data").get("mail").asString()).isEqualTo(restMail);
		JsonNode search = TcpExchange.send(this.tcpPort,
				"{\"cmd\": \"search\", \"args\": {\"q\": \"" + restMail + "\"}}");
		assertThat(search.get("data")).hasSize(1);
	}

	@Test
	void shouldUpdateAndDeleteOverTcp() {
		String mail = unique("update") + "@example.org";
		long id = TcpExchange
			.send(this.tcpPort, "{\"cmd\": \"add\", \"args\": {\"name\": \"Before\", \"mail\": \"" + mail + "\"}}")
			.get("data")
			.get("id")
			.asLong();
		JsonNode updated = TcpExchange.send(this.tcpPort,
				"{\"cmd\": \"update\", \"args\": {\"id\": " + id + ", \"name\": \"After\", \"phone\": \"0102\"}}");
		assertThat(updated.get("status").asBoolean()).isTrue();
		assertThat(updated.get("data").get("name").asString()).isEqualTo("After");
		assertThat(updated.get("data").get("phone").asString()).isEqualTo("0102");
		JsonNode deleted = TcpExchange.send(this.tcpPort, "{\"cmd\": \"delete\", \"args\": {\"id\": " + id + "}}");
		assertThat(deleted.get("msg").asString()).isEqualTo("contact " + id + " deleted");
		this.rest.get().uri("/api/contacts/{id}", id).exchange().expectStatus().isNotFound();
		JsonNode again = TcpExchange.send(this.tcpPort, "{\"cmd\": \"delete\", \"args\": {\"id\": " + id + "}}");
		assertThat(again.get("status").asBoolean()).isFalse();
		assertThat(again.get("msg").asString()).isEqualTo("No contact with id " + id + ".");
		assertThat(again.get("data").isNull()).isTrue();
	}

	@Test
	void shouldAcceptOneOfManyConcurrentAddsOfTheSameMail() throws Exception {
		String mail = unique("race") + "@example.org";
		List<Callable<Integer>> attempts = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			int attempt = i;
			if (i % 2 == 0) {
				attempts.add(() -> this.rest.post()
					.uri("/api/contacts")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("name", "Racer " + attempt, "mail", mail))
					.exchange()
					.returnResult(String.class)
					.getStatus()
					.value());
			}
			else {
				attempts.add(
						() -> TcpExchange
							.send(this.tcpPort,
									"{\"cmd\": \"add\", \"args\": {\"name\": \"Racer\", \"mail\": \""
											+ mail.toUpperCase() + "\"}}")
							.get("status")
							.asBoolean() ? 201 : 409);
			}
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Future<Integer> result : executor.invokeAll(attempts)) {
				statuses.add(result.get());
			}
		}
		assertThat(statuses).containsOnly(201, 409).filteredOn((status) -> status == 201).hasSize(1);
		this.rest.get()
			.uri("/api/contacts?q={q}", mail)
			.exchange()
			.expectBody()
			.jsonPath("$.page.totalElements")
			.isEqualTo(1);
	}

	@Test
	void shouldRunTheRestLifecycleOfAContact() {
		String mail = unique("life") + "@example.org";
		long id = create(mail);
		patchWithMergePatchThenPlainJson(id);
		replaceWithoutNotes(id, mail);
		this.rest.delete().uri("/api/contacts/{id}", id).exchange().expectStatus().isNoContent();
		this.rest.delete().uri("/api/contacts/{id}", id).exchange().expectStatus().isNotFound();
		this.rest.patch()
			.uri("/api/contacts/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private long create(String mail) {
		var created = this.rest.post()
			.uri("/api/contacts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Ada", "mail", mail, "phone", "+33 1"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "http://localhost:\\d+/api/contacts/\\d+")
			.returnResult(JsonNode.class);
		long id = created.getResponseBody().get("id").asLong();
		assertThat(created.getResponseHeaders().getLocation().getPath()).isEqualTo("/api/contacts/" + id);
		return id;
	}

	private void patchWithMergePatchThenPlainJson(long id) {
		this.rest.patch()
			.uri("/api/contacts/{id}", id)
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.body("{\"phone\": null, \"notes\": \"likes engines\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.phone")
			.isEmpty()
			.jsonPath("$.notes")
			.isEqualTo("likes engines")
			.jsonPath("$.name")
			.isEqualTo("Ada");
		this.rest.patch()
			.uri("/api/contacts/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"Ada Lovelace\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Ada Lovelace")
			.jsonPath("$.notes")
			.isEqualTo("likes engines");
	}

	private void replaceWithoutNotes(long id, String mail) {
		this.rest.put()
			.uri("/api/contacts/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Ada L.", "mail", mail))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.notes")
			.isEmpty();
	}

	@Test
	void shouldAnswerStablePageJsonWithSearchAndSort() {
		String tag = unique("page");
		for (String name : List.of("Charlie", "alice", "Bob")) {
			this.rest.post()
				.uri("/api/contacts")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("name", name + " " + tag, "mail", name.toLowerCase() + "." + tag + "@example.org"))
				.exchange()
				.expectStatus()
				.isCreated();
		}
		this.rest.get()
			.uri("/api/contacts?q={q}&sort=name,asc&size=2&page=0", tag.toUpperCase())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content.length()")
			.isEqualTo(2)
			.jsonPath("$.content[0].name")
			.isEqualTo("alice " + tag)
			.jsonPath("$.page.size")
			.isEqualTo(2)
			.jsonPath("$.page.number")
			.isEqualTo(0)
			.jsonPath("$.page.totalElements")
			.isEqualTo(3)
			.jsonPath("$.page.totalPages")
			.isEqualTo(2);
	}

	@Test
	void shouldAnswerProblemJsonForBadRequests() {
		this.rest.post()
			.uri("/api/contacts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "No Mail", "mail", "not-a-mail"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("'mail'"));
		this.rest.post()
			.uri("/api/contacts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("mail", unique("x") + "@example.org"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].name")
			.isEqualTo("name");
		this.rest.get().uri("/api/contacts/abc").exchange().expectStatus().isBadRequest();
		this.rest.get().uri("/api/contacts?sort=password").exchange().expectStatus().isBadRequest();
		this.rest.patch()
			.uri("/api/contacts/1")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"id\": 5}")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(HttpStatus.BAD_REQUEST.value(), HttpStatus.NOT_FOUND.value()));
	}

	@Test
	void shouldDocumentEveryEndpointInOpenApi() {
		this.rest.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/contacts'].get.summary")
			.exists()
			.jsonPath("$.paths['/api/contacts'].post.responses['409']")
			.exists()
			.jsonPath("$.paths['/api/contacts/{id}'].patch.requestBody.content['application/merge-patch+json']")
			.exists()
			.jsonPath("$.paths['/api/contacts/{id}'].delete.responses['404']")
			.exists()
			.jsonPath("$.paths['/api/contacts/{id}'].put.summary")
			.exists();
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
