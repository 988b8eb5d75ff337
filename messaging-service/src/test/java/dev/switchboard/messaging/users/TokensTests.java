package dev.switchboard.messaging.users;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Tokens}.
 */
class TokensTests {

	@Test
	void shouldCreateDistinctUrlSafeTokensOf256Bits() {
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String token = Tokens.newToken();
			assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
			tokens.add(token);
		}
		assertThat(tokens).hasSize(1000);
	}

	@Test
	void shouldHashWithSha256InHex() {
		assertThat(Tokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
