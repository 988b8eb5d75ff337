package dev.switchboard.messaging.messages;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.switchboard.messaging.security.SecurityTestConfiguration;
import dev.switchboard.messaging.users.User;
import dev.switchboard.messaging.users.UserNotFoundException;
import dev.switchboard.messaging.users.UserService;
import dev.switchboard.service.problem.ProblemDetailsAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

/**
 * Tests for {@link MessageController}, with the real bearer-token security and alice (id
 * 1) signed in.
 */
@WebMvcTest(MessageController.class)
@Import(SecurityTestConfiguration.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
class MessageControllerTests {

	private static final Instant SENT_AT = Instant.parse("2026-11-23T10:15:30.123Z");

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private MessageService messages;

	@MockitoBean
	private UserService users;

	@BeforeEach
	void signInAlice() {
		User alice = SecurityTestConfiguration.alice();
		given(this.users.authenticate(SecurityTestConfiguration.ALICE_TOKEN)).willReturn(Optional.of(alice));
	}

	@Test
	void shouldSendAsTheTokenOwnerAndAnswer201WithTheMessage() {
		given(this.messages.send(new Correspondent(1L, "alice"), 2, "Hello Bob!"))
			.willReturn(new MessageView(7, "alice", "bob", "Hello Bob!", SENT_AT, 1L, 2L));
		MvcTestResult result = this.mvc.post()
			.uri("/api/users/2/messages")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + SecurityTestConfiguration.ALICE_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\":\"Hello Bob!\",\"from\":\"mallory\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED)
			.bodyJson()
			.isStrictlyEqualTo("{\"id\":7,\"from\":\"alice\",\"to\":\"bob\",\"text\":\"Hello Bob!\","
					+ "\"sentAt\":\"2026-11-23T10:15:30.123Z\",\"fromId\":1,\"toId\":2}");
	}

	@Test
	void shouldAnswer404WhenTheRecipientDoesNotExist() {
		given(this.messages.send(new Correspondent(1L, "alice"), 42, "hi")).willThrow(new UserNotFoundException(42));
		MvcTestResult result = send("/api/users/42/messages", "{\"text\":\"hi\"}");
		assertThat(result).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void shouldAnswer400WhenTheTextIsBlankMissingOrTooLong() {
		for (String body : List.of("{\"text\":\"  \"}", "{}", "{\"text\":\"" + "x".repeat(4001) + "\"}")) {
			MvcTestResult result = send("/api/users/2/messages", body);
			assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("'text'");
		}
		then(this.messages).shouldHaveNoInteractions();
	}

	@Test
	void shouldReadTheInboxOldestFirstWithSinceAndLimit() {
		given(this.messages.inbox(1, 5, 2))
			.willReturn(List.of(new MessageView(6, "bob", "alice", "one", SENT_AT, 2L, 1L),
					new MessageView(9, "bob", "alice", "two", SENT_AT, 2L, 1L)));
		assertThat(inbox("/api/users/1/messages?since=5&limit=2")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("[{\"id\":6,\"text\":\"one\"},{\"id\":9,\"text\":\"two\"}]");
	}

	@Test
	void shouldReadAHundredMessagesAfterTheStartByDefault() {
		given(this.messages.inbox(1, 0, 100)).willReturn(List.of());
		assertThat(inbox("/api/users/1/messages")).hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
	}

	@Test
	void shouldAnswer400WhenTheLimitIsOutOfRange() {
		for (String query : List.of("limit=0", "limit=1001", "since=-1", "limit=many")) {
			assertThat(inbox("/api/users/1/messages?" + query)).hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(inbox("/api/users/1/messages?limit=1000")).hasStatusOk();
	}

	private MvcTestResult send(String path, String body) {
		return this.mvc.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + SecurityTestConfiguration.ALICE_TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private MvcTestResult inbox(String path) {
		return this.mvc.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + SecurityTestConfiguration.ALICE_TOKEN)
			.exchange();
	}

}
