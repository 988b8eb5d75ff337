package dev.switchboard.messaging.users;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.switchboard.service.problem.ProblemDetailsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
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
 * Tests for {@link UserController}; security is covered by {@code SecurityTests}, so this
 * slice runs without filters.
 */
@WebMvcTest(controllers = UserController.class)
@AutoConfigureMockMvc(addFilters = false)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
class UserControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private UserService users;

	@MockitoBean
	private OnlineUsers online;

	@Test
	void shouldAnswer201WithTheTokenAndALocationWhenRegistering() {
		given(this.users.register("alice")).willReturn(new CreatedUser(1, "alice", "available", "secret"));
		MvcTestResult result = register("{\"nickname\":\"alice\"}");
		assertThat(result).hasStatus(HttpStatus.CREATED).headers().hasValue(HttpHeaders.LOCATION, "/api/users/1");
		assertThat(result).bodyJson()
			.isLenientlyEqualTo("{\"id\":1,\"nickname\":\"alice\",\"status\":\"available\",\"token\":\"secret\"}");
	}

	@Test
	void shouldAnswer400NamingTheNicknameWhenItBreaksTheRules() {
		for (String nickname : List.of("ab", "x".repeat(33), "with space", "semi;colon", "")) {
			MvcTestResult result = register("{\"nickname\":\"" + nickname + "\"}");
			assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("'nickname'");
		}
		assertThat(register("{}")).hasStatus(HttpStatus.BAD_REQUEST);
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void shouldAcceptLettersDigitsUnderscoresAndDashes() {
		given(this.users.register(Mockito.anyString())).willReturn(new CreatedUser(1, "x", "available", "t"));
		for (String nickname : List.of("bob", "Zoé_42", "a-b_c", "x".repeat(32))) {
			assertThat(register("{\"nickname\":\"" + nickname + "\"}")).hasStatus(HttpStatus.CREATED);
		}
	}

	@Test
	void shouldAnswer409WhenTheNicknameIsTaken() {
		given(this.users.register("alice")).willThrow(new NicknameTakenException("alice"));
		MvcTestResult result = register("{\"nickname\":\"alice\"}");
		assertThat(result).hasStatus(HttpStatus.CONFLICT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("already taken");
	}

	@Test
	void shouldAnswerAnEmptyArrayWithoutQueryingForANicknameNobodyCanHave() {
		for (String nickname : List.of("a\u0000b", "\u0000", "", "ab", "with space", "%", "x".repeat(33))) {
			assertThat(this.mvc.get().uri("/api/users").param("nickname", nickname)).hasStatusOk()
				.bodyJson()
				.isStrictlyEqualTo("[]");
		}
		then(this.users).shouldHaveNoInteractions();
	}

	@Test
	void shouldListUsersWithWhetherTheyAreOnline() {
		User alice = user(1, "alice", "available");
		User bob = user(2, "bob", "busy");
		given(this.users.list(0, 1000)).willReturn(List.of(alice, bob));
		given(this.online.onlineUserIds()).willReturn(Set.of(2L));
		assertThat(this.mvc.get().uri("/api/users")).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("[{\"id\":1,\"nickname\":\"alice\",\"status\":\"available\",\"online\":false},"
					+ "{\"id\":2,\"nickname\":\"bob\",\"status\":\"busy\",\"online\":true}]");
	}

	@Test
	void shouldFindOneUserByNicknameOrAnswerAnEmptyArray() {
		User alice = user(1, "alice", "available");
		given(this.online.onlineUserIds()).willReturn(Set.of());
		given(this.users.findByNickname("ALICE")).willReturn(Optional.of(alice));
		given(this.users.findByNickname("nobody")).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/api/users?nickname=ALICE")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("[{\"id\":1,\"nickname\":\"alice\"}]");
		assertThat(this.mvc.get().uri("/api/users?nickname=nobody")).hasStatusOk().bodyJson().isStrictlyEqualTo("[]");
	}

	@Test
	void shouldAnswer400WhenTheLimitIsOutOfRange() {
		assertThat(this.mvc.get().uri("/api/users?limit=0")).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/api/users?limit=10001")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void shouldAnswer404ForAnUnknownUser() {
		given(this.users.get(42)).willThrow(new UserNotFoundException(42));
		MvcTestResult result = this.mvc.get().uri("/api/users/42").exchange();
		assertThat(result).hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("No user with id 42.");
	}

	@Test
	void shouldChangeTheStatusAndAnswerTheUser() {
		User alice = user(1, "alice", "learning sockets");
		given(this.users.updateStatus(1, "learning sockets")).willReturn(alice);
		given(this.online.onlineUserIds()).willReturn(Set.of());
		for (MediaType type : List.of(MediaType.APPLICATION_JSON, MediaType.valueOf("application/merge-patch+json"))) {
			assertThat(
					this.mvc.patch().uri("/api/users/1").contentType(type).content("{\"status\":\"learning sockets\"}"))
				.hasStatusOk()
				.bodyJson()
				.isLenientlyEqualTo(
						"{\"id\":1,\"nickname\":\"alice\",\"status\":\"learning sockets\",\"online\":false}");
		}
	}

	@Test
	void shouldAnswer400WhenTheStatusIsTooLongOrMissing() {
		assertThat(this.mvc.patch()
			.uri("/api/users/1")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\":\"" + "s".repeat(141) + "\"}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("'status'");
		assertThat(this.mvc.patch().uri("/api/users/1").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.hasStatus(HttpStatus.BAD_REQUEST);
		then(this.users).shouldHaveNoInteractions();
	}

	private MvcTestResult register(String body) {
		return this.mvc.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private static User user(long id, String nickname, String status) {
		User user = Mockito.mock(User.class);
		given(user.getId()).willReturn(id);
		given(user.getNickname()).willReturn(nickname);
		given(user.getStatus()).willReturn(status);
		return user;
	}

}
