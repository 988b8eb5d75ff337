package dev.switchboard.e2e;

import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registers messaging users through the gateway, each with a fresh nickname.
 */
final class Users {

	private Users() {
	}

	/**
	 * Register a user.
	 * @param gateway the gateway
	 * @param prefix the start of the nickname
	 * @return {@code {"id","nickname","status","token"}}
	 */
	static JsonNode create(SuiteHttp gateway, String prefix) {
		String nickname = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
		SuiteHttp.Answer created = gateway.postJson("/api/users", Map.of("nickname", nickname));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

}
