package dev.switchboard.contacts.addressbook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.switchboard.test.postgres.WithEmbeddedPostgres;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile paging of {@code GET /api/contacts} on a real PostgreSQL: every out-of-range,
 * malformed or injected {@code page}, {@code size}, {@code sort} and {@code q} answers
 * 400 problem JSON naming the parameter, or a page (empty past the last one), never a
 * 500. Raw query strings, as curl sends them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithEmbeddedPostgres
class ContactPagingTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	private int port;

	@BeforeEach
	void addAContact() throws Exception {
		String mail = "paging-" + UUID.randomUUID() + "@example.org";
		HttpResponse<String> created = this.http.send(HttpRequest.newBuilder(uri("/api/contacts"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Paging\", \"mail\": \"" + mail + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			page=2147483647&size=100           | 2147483647 | 100
			page=21474836&size=100             | 21474836   | 100
			page=21474837&size=100             | 21474837   | 100
			page=2147483647&size=1             | 2147483647 | 1
			page=1000000&size=1&q=Paging       | 1000000    | 1
			page=2147483647&size=100&sort=name | 2147483647 | 100
			""")
	void shouldAnswerAnEmptyPagePastTheLastOne(String query, long number, int size) throws Exception {
		HttpResponse<String> response = get("/api/contacts?" + query);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode page = json.readTree(response.body());
		assertThat(page.get("content")).isEmpty();
		assertThat(page.get("page").get("number").asLong()).isEqualTo(number);
		assertThat(page.get("page").get("size").asInt()).isEqualTo(size);
		assertThat(page.get("page").get("totalElements").asLong()).isPositive();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			page=-1                                 | page
			page=-2147483648                        | page
			page=2147483648                         | page
			page=99999999999999999999               | page
			page=abc                                | page
			page=1.5                                | page
			page=1e3                                | page
			size=0                                  | size
			size=-1                                 | size
			size=101                                | size
			size=2000                               | size
			size=2147483647                         | size
			size=2147483648                         | size
			size=abc                                | size
			page=-1&size=0                          | page
			sort=version                            | sort
			sort=password                           | sort
			sort=name;drop%20table%20contact        | sort
			sort=name)%20desc,%20(select%201        | sort
			sort=lower(name)                        | sort
			sort=name,sideways                      | sort
			sort=name.length                        | sort
			sort=id&sort=name&sort=mail&sort=phone&sort=id | sort
			q=%00                                   | q
			q=a%00b                                 | q
			""")
	void shouldAnswer400NamingTheParameter(String query, String parameter) throws Exception {
		HttpResponse<String> response = get("/api/contacts?" + query);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("errors").get(0).get("name").asString()).isEqualTo(parameter);
		assertThat(problem.get("detail").asString()).contains("'" + parameter + "'");
	}

	@Test
	void shouldAcceptTheLargestPageAndEveryValidSort() throws Exception {
		for (String query : new String[] { "size=100", "size=1", "page=0", "sort=name,desc", "sort=mail,asc&sort=id",
				"sort=phone", "sort=NAME", "sort=,desc", "sort=", "page=", "size=", "q=%25", "q=_", "q=%5C",
				"q=%27%20OR%201=1--", "q=%C3%28", "q=%FF" }) {
			HttpResponse<String> response = get("/api/contacts?" + query);
			assertThat(response.statusCode()).as(query).isIn(200, 400);
			assertThat(response.statusCode()).as(query).isNotEqualTo(500);
		}
		assertThat(get("/api/contacts?size=100").statusCode()).isEqualTo(200);
		assertThat(get("/api/contacts?sort=name,desc&sort=id").statusCode()).isEqualTo(200);
		assertThat(json.readTree(get("/api/contacts?q=%25").body()).get("content")).isEmpty();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
