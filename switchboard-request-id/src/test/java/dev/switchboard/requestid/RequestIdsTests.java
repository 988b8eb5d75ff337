package dev.switchboard.requestid;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

	@Test
	void shouldGenerateDistinctVersion4Uuids() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = RequestIds.generate();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).as(id).isEqualTo(4);
			assertThat(uuid.variant()).as(id).isEqualTo(2);
			assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
			seen.add(id);
		}
		assertThat(seen).hasSize(10_000);
	}

	@Test
	void shouldAcceptTheIdsItGenerates() {
		String id = RequestIds.generate();
		assertThat(RequestIds.acceptOrGenerate(id)).isSameAs(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "client-42.abc:7", "A_Z.0-9:x", "3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f" })
	void shouldKeepAShortPrintableIdFromAClient(String id) {
		assertThat(RequestIds.isAcceptable(id)).isTrue();
		assertThat(RequestIds.acceptOrGenerate(id)).isSameAs(id);
	}

	@Test
	void shouldKeepAnIdOfTheLongestLengthAccepted() {
		String longest = "x".repeat(RequestIds.MAX_LENGTH);
		assertThat(RequestIds.acceptOrGenerate(longest)).isSameAs(longest);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "two words", "semi;colon", "tab\there", "line\nbreak", "quote\"", "slash/",
			"caf\u00e9", "\u0661\u0662", "percent%41" })
	void shouldReplaceAnIdThatIsEmptyOrNotPrintable(String id) {
		assertThat(RequestIds.isAcceptable(id)).isFalse();
		assertThat(RequestIds.acceptOrGenerate(id)).isNotEqualTo(id).hasSize(36);
	}

	@Test
	void shouldReplaceAnIdThatIsTooLong() {
		String tooLong = "x".repeat(RequestIds.MAX_LENGTH + 1);
		assertThat(RequestIds.isAcceptable(tooLong)).isFalse();
		assertThat(RequestIds.acceptOrGenerate(tooLong)).hasSize(36);
	}

	@Test
	void shouldGenerateAnIdWhenTheClientSentNone() {
		assertThat(UUID.fromString(RequestIds.acceptOrGenerate(null)).version()).isEqualTo(4);
	}

}
