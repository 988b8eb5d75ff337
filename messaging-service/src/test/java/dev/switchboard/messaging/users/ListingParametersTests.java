package dev.switchboard.messaging.users;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.switchboard.messaging.MessagingIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile values for the limited listings, {@code GET /api/users} and {@code GET
 * /api/users/{id}/messages}, on PostgreSQL: out of range, malformed or overflowing
 * {@code since}, {@code limit} and {@code nickname} answer 400 problem JSON naming the
 * parameter, or an array (empty when nothing matches), never a 500. Raw query strings, as
 * curl sends them.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ListingParametersTests extends MessagingIntegrationTest {

	private Registered reader;

	@BeforeAll
	void registerAReaderWithAMessage() {
		this.reader = register("lister");
		Registered sender = register("sender");
		assertThat(post("/api/users/" + this.reader.id() + "/messages", "{\"text\":\"hello\"}", sender.token())
			.statusCode()).isEqualTo(201);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			limit=0                      | limit
			limit=-1                     | limit
			limit=1001                   | limit
			limit=2147483647             | limit
			limit=2147483648             | limit
			limit=abc                    | limit
			limit=1e3                    | limit
			since=-1                     | since
			since=-9223372036854775808   | since
			since=9223372036854775808    | since
			since=abc                    | since
			""")
	void shouldAnswer400NamingTheInboxParameter(String query, String parameter) {
		assertNamesTheParameter(get("/api/users/" + this.reader.id() + "/messages?" + query, this.reader.token()),
				parameter);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			limit=0                      | limit
			limit=-5                     | limit
			limit=10001                  | limit
			limit=99999999999            | limit
			limit=abc                    | limit
			since=-1                     | since
			since=99999999999999999999   | since
			since=x                      | since
			""")
	void shouldAnswer400NamingTheUsersParameter(String query, String parameter) {
		assertNamesTheParameter(get("/api/users?" + query, null), parameter);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "since=9223372036854775807", "since=9223372036854775807&limit=1000", "limit=1000",
			"limit=1", "since=0&limit=1" })
	void shouldAnswerAnInboxArrayForEveryValueInRange(String query) {
		HttpResponse<String> response = get("/api/users/" + this.reader.id() + "/messages?" + query,
				this.reader.token());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json.readTree(response.body()).isArray()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "since=9223372036854775807", "limit=10000", "nickname=%00", "nickname=a%00b", "nickname=",
			"nickname=%25", "nickname=_", "nickname=%27%20OR%201=1--",
			"nickname=%F0%9F%8E%89%F0%9F%8E%89%F0%9F%8E%89" })
	void shouldAnswerAUsersArrayEmptyWhenNothingMatches(String query) {
		HttpResponse<String> response = get("/api/users?" + query, null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode users = json.readTree(response.body());
		assertThat(users.isArray()).isTrue();
		if (!query.equals("limit=10000")) {
			assertThat(users).isEmpty();
		}
	}

	@Test
	void shouldAnswer400ProblemJsonForAQueryThatIsNotUtf8() {
		HttpResponse<String> response = get("/api/users?nickname=%C3%28", null);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void shouldAnswer400ForANicknameLongerThanAnyNickname() {
		assertNamesTheParameter(get("/api/users?nickname=" + "a".repeat(65), null), "nickname");
	}

	private static void assertNamesTheParameter(HttpResponse<String> response, String parameter) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("errors").get(0).get("name").asString()).isEqualTo(parameter);
		assertThat(problem.get("detail").asString()).contains("'" + parameter + "'");
	}

}
