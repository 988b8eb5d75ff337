package dev.switchboard.messaging.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.switchboard.messaging.MessagingIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner check over real HTTP, where Tomcat and Spring MVC answer HEAD and OPTIONS by
 * themselves: none of them tells anything about an inbox (not even its size) to anyone
 * but its owner.
 */
class OwnerCheckIntegrationTests extends MessagingIntegrationTest {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@ParameterizedTest
	@ValueSource(strings = { "HEAD", "OPTIONS", "GET", "PUT", "DELETE" })
	void shouldAnswerEveryMethodOnAnInboxWithProblemsUnlessTheOwnerAsks(String method) {
		Registered alice = register("alice");
		Registered bob = register("bob");
		post("/api/users/" + alice.id() + "/messages", "{\"text\":\"a secret the size of which is private\"}",
				bob.token());
		String inbox = "/api/users/" + alice.id() + "/messages";
		HttpResponse<String> anonymous = call(method, inbox, null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertProblemJson(anonymous);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		HttpResponse<String> forged = call(method, inbox, "not-a-token");
		assertThat(forged.statusCode()).isEqualTo(401);
		assertProblemJson(forged);
		HttpResponse<String> someoneElse = call(method, inbox, bob.token());
		assertThat(someoneElse.statusCode()).isEqualTo(403);
		assertProblemJson(someoneElse);
	}

	@ParameterizedTest
	@ValueSource(strings = { "OPTIONS", "PATCH", "PUT", "DELETE" })
	void shouldAnswerEveryMethodButGetAndHeadOnAUserWithProblemsUnlessTheOwnerAsks(String method) {
		Registered alice = register("alice");
		Registered bob = register("bob");
		String profile = "/api/users/" + alice.id();
		HttpResponse<String> anonymous = call(method, profile, null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertProblemJson(anonymous);
		HttpResponse<String> someoneElse = call(method, profile, bob.token());
		assertThat(someoneElse.statusCode()).isEqualTo(403);
		assertProblemJson(someoneElse);
	}

	@ParameterizedTest
	@ValueSource(strings = { "HEAD", "OPTIONS" })
	void shouldAnswerTheOwnerWithoutABody(String method) {
		Registered alice = register("alice");
		HttpResponse<String> own = call(method, "/api/users/" + alice.id() + "/messages", alice.token());
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).isEmpty();
	}

	@org.junit.jupiter.api.Test
	void shouldAnswerOptionsWithTheAllowedMethodsAndNoData() {
		Registered alice = register("alice");
		HttpResponse<String> own = call("OPTIONS", "/api/users/" + alice.id() + "/messages", alice.token());
		assertThat(own.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("GET").contains("POST").doesNotContain("DELETE"));
	}

	private static void assertProblemJson(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		if (!response.request().method().equals("HEAD")) {
			assertThat(json.readTree(response.body()).path("status").asInt()).isEqualTo(response.statusCode());
		}
	}

	private HttpResponse<String> call(String method, String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(20))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
