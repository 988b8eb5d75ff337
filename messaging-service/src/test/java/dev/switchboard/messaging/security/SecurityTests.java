package dev.switchboard.messaging.security;

import java.util.Optional;
import java.util.stream.Stream;

import dev.switchboard.messaging.messages.MessageService;
import dev.switchboard.messaging.messages.MessageView;
import dev.switchboard.messaging.users.OnlineUsers;
import dev.switchboard.messaging.users.User;
import dev.switchboard.messaging.users.UserService;
import dev.switchboard.service.problem.ProblemDetailsAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

/**
 * Tests of the bearer-token security of every endpoint: 401 without a token or with an
 * invalid one, 403 with someone else's token, public endpoints open to all.
 */
@WebMvcTest
@Import(SecurityConfiguration.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
class SecurityTests {

	private static final String ALICE_TOKEN = "alice-token";

	private static final String BOB_TOKEN = "bob-token";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private UserService users;

	@MockitoBean
	private MessageService messages;

	@MockitoBean
	private OnlineUsers online;

	@BeforeEach
	void registerAliceAndBob() {
		User alice = user(1L, "alice");
		User bob = user(2L, "bob");
		given(this.users.authenticate(anyString())).willReturn(Optional.empty());
		given(this.users.authenticate(ALICE_TOKEN)).willReturn(Optional.of(alice));
		given(this.users.authenticate(BOB_TOKEN)).willReturn(Optional.of(bob));
		given(this.users.updateStatus(Mockito.eq(1L), anyString())).willReturn(alice);
		given(this.messages.inbox(anyLong(), anyLong(), anyInt())).willReturn(java.util.List.of());
		given(this.messages.send(any(), anyLong(), anyString()))
			.willReturn(new MessageView(1, "alice", "bob", "hi", java.time.Instant.now(), 1L, 2L));
	}

	/** Every protected endpoint, called on alice's resources. */
	static Stream<Arguments> protectedEndpoints() {
		return Stream.of(Arguments.of(HttpMethod.PATCH, "/api/users/1", "{\"status\":\"busy\"}"),
				Arguments.of(HttpMethod.GET, "/api/users/1/messages", null),
				Arguments.of(HttpMethod.POST, "/api/users/2/messages", "{\"text\":\"hi\"}"));
	}

	/** The endpoints that only the owner may use, called on alice's resources. */
	static Stream<Arguments> ownerOnlyEndpoints() {
		return protectedEndpoints().filter((arguments) -> !HttpMethod.POST.equals(arguments.get()[0]));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protectedEndpoints")
	void shouldAnswer401WithBearerChallengeWithoutAToken(HttpMethod method, String path, String body) {
		MvcTestResult result = call(method, path, body, null);
		assertProblem(result, HttpStatus.UNAUTHORIZED, "needs a bearer token");
		assertThat(result).headers().hasValue(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protectedEndpoints")
	void shouldAnswer401WithInvalidTokenErrorWithAnUnknownToken(HttpMethod method, String path, String body) {
		MvcTestResult result = call(method, path, body, "forged");
		assertProblem(result, HttpStatus.UNAUTHORIZED, "not valid");
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
			.startsWith("Bearer error=\"invalid_token\"");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protectedEndpoints")
	void shouldAnswer401WithAMalformedAuthorizationHeader(HttpMethod method, String path, String body) {
		MvcTestResult result = this.mvc.method(method)
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer ")
			.contentType(MediaType.APPLICATION_JSON)
			.content((body != null) ? body : "")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("ownerOnlyEndpoints")
	void shouldAnswer403WithSomeoneElsesToken(HttpMethod method, String path, String body) {
		assertProblem(call(method, path, body, BOB_TOKEN), HttpStatus.FORBIDDEN, "belongs to another user");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("protectedEndpoints")
	void shouldLetTheOwnerThrough(HttpMethod method, String path, String body) {
		assertThat(call(method, path, body, ALICE_TOKEN).getResponse().getStatus()).isLessThan(300);
	}

	/**
	 * Every method that gets past Spring Security's firewall, including those Spring MVC
	 * answers by itself (HEAD, OPTIONS).
	 */
	static Stream<HttpMethod> everyMethod() {
		return Stream.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
				HttpMethod.DELETE, HttpMethod.OPTIONS);
	}

	/** Every method on alice's inbox and profile, except those open to others. */
	static Stream<Arguments> everyOwnerOnlyMethod() {
		Stream<Arguments> inbox = everyMethod().filter((method) -> !HttpMethod.POST.equals(method))
			.map((method) -> Arguments.of(method, "/api/users/1/messages"));
		Stream<Arguments> profile = everyMethod()
			.filter((method) -> !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method))
			.map((method) -> Arguments.of(method, "/api/users/1"));
		return Stream.concat(inbox, profile);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("everyOwnerOnlyMethod")
	void shouldAnswer401ToEveryMethodOnAnOwnersResourceWithoutAToken(HttpMethod method, String path) {
		MvcTestResult result = call(method, path, null, null);
		assertProblem(result, HttpStatus.UNAUTHORIZED, "needs a bearer token");
		assertThat(result).headers().hasValue(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("everyOwnerOnlyMethod")
	void shouldAnswer401ToEveryMethodOnAnOwnersResourceWithAnUnknownToken(HttpMethod method, String path) {
		assertProblem(call(method, path, null, "forged"), HttpStatus.UNAUTHORIZED, "not valid");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("everyOwnerOnlyMethod")
	void shouldAnswer403ToEveryMethodOnAnOwnersResourceWithSomeoneElsesToken(HttpMethod method, String path) {
		assertProblem(call(method, path, null, BOB_TOKEN), HttpStatus.FORBIDDEN, "belongs to another user");
	}

	@Test
	void shouldAnswerHeadOfAnInboxOnlyToItsOwner() {
		assertThat(call(HttpMethod.HEAD, "/api/users/1/messages", null, null)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(call(HttpMethod.HEAD, "/api/users/1/messages", null, BOB_TOKEN)).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.HEAD, "/api/users/1/messages", null, ALICE_TOKEN)).hasStatusOk();
	}

	@Test
	void shouldAnswerOptionsOfAnInboxToItsOwnerWithTheAllowedMethodsOnly() {
		MvcTestResult result = call(HttpMethod.OPTIONS, "/api/users/1/messages", null, ALICE_TOKEN);
		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getHeader(HttpHeaders.ALLOW)).contains("GET").contains("POST");
		assertThat(result.getResponse().getContentLength()).isZero();
		then(this.messages).should(never()).inbox(anyLong(), anyLong(), anyInt());
	}

	@ParameterizedTest
	@ValueSource(strings = { "TRACE", "PROPFIND", "FOO" })
	void shouldRefuseOtherMethodsBeforeAnyHandlerEvenFromTheOwner(String method) {
		MvcTestResult result = call(HttpMethod.valueOf(method), "/api/users/1/messages", null, ALICE_TOKEN);
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
		then(this.messages).should(never()).inbox(anyLong(), anyLong(), anyInt());
	}

	@Test
	void shouldKeepReadingAUserPublicWithGetAndHead() {
		User alice = user(1L, "alice");
		given(this.users.get(1L)).willReturn(alice);
		given(this.online.onlineUserIds()).willReturn(java.util.Set.of());
		assertThat(call(HttpMethod.GET, "/api/users/1", null, null)).hasStatusOk();
		assertThat(call(HttpMethod.HEAD, "/api/users/1", null, null)).hasStatusOk();
	}

	@Test
	void shouldAnswer403WhenTheIdIsNotANumber() {
		assertProblem(call(HttpMethod.PATCH, "/api/users/me", "{\"status\":\"x\"}", ALICE_TOKEN), HttpStatus.FORBIDDEN,
				"belongs to another user");
	}

	@Test
	void shouldKeepListingUsersAndRegisteringPublic() {
		assertThat(this.mvc.get().uri("/api/users")).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/users?nickname=alice")).hasStatusOk();
		given(this.users.register("carol"))
			.willReturn(new dev.switchboard.messaging.users.CreatedUser(3, "carol", "available", "t"));
		assertThat(this.mvc.post()
			.uri("/api/users")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"nickname\":\"carol\"}")).hasStatus(HttpStatus.CREATED);
	}

	private MvcTestResult call(HttpMethod method, String path, String body, String token) {
		var request = this.mvc.method(method).uri(path);
		if (body != null) {
			request = request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return request.exchange();
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status, String detail) {
		assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(detail);
	}

	private static User user(long id, String nickname) {
		User user = Mockito.mock(User.class);
		given(user.getId()).willReturn(id);
		given(user.getNickname()).willReturn(nickname);
		given(user.getStatus()).willReturn("available");
		return user;
	}

}
