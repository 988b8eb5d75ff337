package dev.switchboard.messaging.security;

import java.net.http.HttpResponse;
import java.sql.SQLTransientConnectionException;

import dev.switchboard.messaging.MessagingIntegrationTest;
import dev.switchboard.messaging.users.UserService;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

/**
 * The database is down when a bearer token must be checked: the token lookup fails in the
 * security filter chain, before any controller, and the client gets 503 problem JSON
 * (retry later), not a 500 and not a 401 (the token may well be valid).
 */
class StorageOutageTests extends MessagingIntegrationTest {

	@MockitoBean
	private UserService users;

	@Test
	void shouldAnswer503WhenTheTokenCannotBeCheckedBecauseTheDatabaseIsDown() {
		given(this.users.authenticate(anyString())).willThrow(
				new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
						new SQLTransientConnectionException(
								"HikariPool-1 - Connection is not available, request timed out after 3000ms.",
								"08001")));
		HttpResponse<String> inbox = get("/api/users/1/messages", "a-token");
		assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(503);
		assertThat(inbox.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(inbox.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(json.readTree(inbox.body()).path("instance").asString()).isEqualTo("/api/users/1/messages");

		HttpResponse<String> send = post("/api/users/2/messages", "{\"text\":\"hi\"}", "a-token");
		assertThat(send.statusCode()).as(send.body()).isEqualTo(503);
	}

}
