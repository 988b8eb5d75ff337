package dev.switchboard.messaging.users;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.switchboard.messaging.MessagingIntegrationTest;
import dev.switchboard.test.python.Python3;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the users and messages API over real HTTP, on PostgreSQL: the course's
 * exercise in Python {@code requests}, and registrations racing for one nickname.
 */
class UsersApiIntegrationTests extends MessagingIntegrationTest {

	/**
	 * The course's exercise (seeds/003): find my id, change my status, send and read
	 * messages.
	 */
	private static final String COURSE_EXERCISE = """
			import sys
			import requests

			base, me_nick, friend_nick = sys.argv[1], sys.argv[2], sys.argv[3]
			me = requests.post(base + "/api/users", json={"nickname": me_nick}).json()
			friend = requests.post(base + "/api/users", json={"nickname": friend_nick}).json()

			# 1. find my user id
			out = requests.get(base + "/api/users", params={"nickname": me_nick})
			my_id = out.json()[0]["id"]
			print("id", my_id == me["id"])

			# 2. change my status
			out = requests.patch(base + "/api/users/" + str(my_id), json={"status": "en train d'apprendre le réseau"},
			                     headers={"Authorization": "Bearer " + me["token"]})
			print("patch", out.status_code, out.json()["status"])

			# 3. send a message, read the inbox
			out = requests.post(base + "/api/users/" + str(friend["id"]) + "/messages", json={"text": "Salut ! ça farte ?"},
			                    headers={"Authorization": "Bearer " + me["token"]})
			print("post", out.status_code)
			inbox = requests.get(base + "/api/users/" + str(friend["id"]) + "/messages",
			                     headers={"Authorization": "Bearer " + friend["token"]}).json()
			print("inbox", inbox[-1]["from"], inbox[-1]["text"])
			newer = requests.get(base + "/api/users/" + str(friend["id"]) + "/messages",
			                     params={"since": inbox[-1]["id"]},
			                     headers={"Authorization": "Bearer " + friend["token"]}).json()
			print("newer", len(newer))
			denied = requests.get(base + "/api/users/" + str(friend["id"]) + "/messages",
			                      headers={"Authorization": "Bearer " + me["token"]})
			print("denied", denied.status_code, denied.headers["Content-Type"])
			""";

	@Test
	void shouldRunTheCourseExerciseWithPythonRequests() {
		String me = uniqueNickname("etudiant");
		String friend = uniqueNickname("ami");
		String output = Python3
			.run(Duration.ofSeconds(60), Map.of(), COURSE_EXERCISE, "http://127.0.0.1:" + this.port, me, friend)
			.successfulOutput();
		assertThat(output.lines()).containsExactly("id True", "patch 200 en train d'apprendre le réseau", "post 201",
				"inbox " + me + " Salut ! ça farte ?", "newer 0", "denied 403 application/problem+json");
	}

	@Test
	void shouldLetOnlyOneOfManyConcurrentRegistrationsOfANicknameSucceed() throws Exception {
		String nickname = uniqueNickname("race");
		List<Callable<Integer>> attempts = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String variant = (i % 2 == 0) ? nickname : nickname.toUpperCase();
			attempts.add(() -> post("/api/users", "{\"nickname\":\"" + variant + "\"}", null).statusCode());
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(12)) {
			for (Future<Integer> status : executor.invokeAll(attempts)) {
				statuses.add(status.get());
			}
		}
		assertThat(statuses).containsOnly(201, 409);
		assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
	}

	@Test
	void shouldStoreOnlyTheTokensHash() {
		Registered alice = register("alice");
		HttpResponse<String> found = get("/api/users/" + alice.id(), null);
		assertThat(found.body()).doesNotContain(alice.token()).doesNotContain("token");
		JsonNode users = json.readTree(get("/api/users", null).body());
		assertThat(users.toString()).doesNotContain(alice.token());
	}

	@Test
	void shouldServeTheOpenApiDocumentWithTheBearerScheme() {
		JsonNode api = json.readTree(get("/v3/api-docs", null).body());
		assertThat(api.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		assertThat(api.at("/paths/~1api~1users~1{id}/patch/security/0").has("bearer")).isTrue();
		assertThat(api.at("/paths/~1api~1users~1{id}~1messages/get/responses/403").isMissingNode()).isFalse();
		assertThat(api.at("/paths/~1api~1users/get/security").isMissingNode()).as("listing is public").isTrue();
		assertThat(api.at("/paths/~1error").isMissingNode()).isTrue();
	}

}
