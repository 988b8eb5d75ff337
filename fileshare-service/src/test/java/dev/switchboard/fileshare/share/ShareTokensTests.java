package dev.switchboard.fileshare.share;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Share and delete tokens.
 */
class TokensTests {

	@Test
	void shouldMakeUrlSafeTokensOf128And256Bits() {
		assertThat(Tokens.newShareToken()).matches("[A-Za-z0-9_-]{22}");
		assertThat(Tokens.newDeleteToken()).matches("[A-Za-z0-9_-]{43}");
	}

	@Test
	void shouldNeverRepeatATokenInManyDraws() {
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			tokens.add(Tokens.newShareToken());
		}
		assertThat(tokens).hasSize(10_000);
	}

	@Test
	void shouldMatchADeleteTokenAgainstItsHashOnly() {
		String token = Tokens.newDeleteToken();
		String hash = Tokens.hash(token);

		assertThat(hash).matches("[0-9a-f]{64}").doesNotContain(token);
		assertThat(Tokens.matches(token, hash)).isTrue();
		assertThat(Tokens.matches(Tokens.newDeleteToken(), hash)).isFalse();
		assertThat(Tokens.matches(null, hash)).isFalse();
		assertThat(Tokens.matches("", hash)).isFalse();
	}

	@Test
	void shouldRecogniseWellFormedTokens() {
		assertThat(Tokens.isWellFormed(Tokens.newShareToken())).isTrue();
		assertThat(Tokens.isWellFormed("../../etc")).isFalse();
		assertThat(Tokens.isWellFormed("short")).isFalse();
		assertThat(Tokens.isWellFormed(null)).isFalse();
	}

}
