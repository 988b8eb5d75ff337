package dev.switchboard.messaging.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Rooms} and {@link MessageTexts}.
 */
class RoomsTests {

	@Test
	void shouldAcceptNamesWithOrWithoutHash() {
		assertThat(Rooms.normalize("general")).isEqualTo("general");
		assertThat(Rooms.normalize("#général-2")).isEqualTo("général-2");
	}

	@Test
	void shouldRefuseInvalidNames() {
		for (String name : new String[] { null, "", "#", "two words", "x".repeat(33), "a/b" }) {
			assertThatExceptionOfType(ChatException.class).isThrownBy(() -> Rooms.normalize(name));
		}
	}

	@Test
	void shouldRefuseBlankOrTooLongTexts() {
		assertThat(MessageTexts.check("hi")).isEqualTo("hi");
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> MessageTexts.check(" "));
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> MessageTexts.check(null));
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> MessageTexts.check("x".repeat(4001)))
			.withMessageContaining("4000");
	}

}
