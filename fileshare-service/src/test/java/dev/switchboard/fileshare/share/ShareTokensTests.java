package dev.switchboard.fileshare.share;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Share and delete tokens.
 */
class ShareTokensTests {

	@Test
	void shouldMakeUrlSafeTokensOf128And256Bits() {
		assertThat(ShareTokens.newShareToken()).matches("[A-Za-z0-9_-]{22}");
		assertThat(ShareTokens.newDeleteToken()).matches("[A-Za-z0-9_-]{43}");
	}

	@Test
	void shouldNeverRepeatATokenInManyDraws() {
		Set<String> tokens = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			tokens.add(ShareTokens.newShareToken());
		}
		assertThat(tokens).hasSize(10_000);
	}

	@Test
	void shouldMatchADeleteTokenAgainstItsHashOnly() {
		String token = ShareTokens.newDeleteToken();
		String hash = ShareTokens.hash(token);

		assertThat(hash).matches("[0-9a-f]{64}").doesNotContain(token);
		assertThat(ShareTokens.matches(token, hash)).isTrue();
		assertThat(ShareTokens.matches(ShareTokens.newDeleteToken(), hash)).isFalse();
		assertThat(ShareTokens.matches(null, hash)).isFalse();
		assertThat(ShareTokens.matches("", hash)).isFalse();
	}

	@Test
	void shouldRecogniseWellFormedTokens() {
		assertThat(ShareTokens.isWellFormed(ShareTokens.newShareToken())).isTrue();
		assertThat(ShareTokens.isWellFormed("../../etc")).isFalse();
		assertThat(ShareTokens.isWellFormed("short")).isFalse();
		assertThat(ShareTokens.isWellFormed(null)).isFalse();
	}

}
