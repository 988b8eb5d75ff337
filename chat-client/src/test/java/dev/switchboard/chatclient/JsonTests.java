package dev.switchboard.chatclient;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Json}.
 */
class JsonTests {

	@Test
	void shouldParseTheChatsFrames() {
		Map<String, Object> frame = Json.parseObject("""
				{"type":"history","room":"général","messages":[{"id":12,"from":"bob","text":"a \\"quote\\"\\n\\u00e9"}],
				 "ok":true,"none":null,"ratio":1.5e0}""");
		assertThat(frame).containsEntry("type", "history")
			.containsEntry("room", "général")
			.containsEntry("ok", true)
			.containsEntry("none", null)
			.containsEntry("ratio", 1.5);
		assertThat((List<?>) frame.get("messages")).singleElement()
			.isEqualTo(Map.of("id", 12, "from", "bob", "text", "a \"quote\"\né"));
	}

	@Test
	void shouldWriteFlatObjectsInOrderWithEscapes() {
		assertThat(Json.object("type", "say", "text", "a \"b\"\n\\", "n", 3))
			.isEqualTo("{\"type\":\"say\",\"text\":\"a \\\"b\\\"\\n\\\\\",\"n\":3}");
		assertThat(Json.parseObject(Json.object("text", "\u0001é"))).containsEntry("text", "\u0001é");
	}

	@Test
	void shouldRefuseInvalidJson() {
		for (String text : List.of("{", "{\"a\" 1}", "[1,]", "{\"a\":tru}", "{} x", "")) {
			assertThatIllegalArgumentException().isThrownBy(() -> Json.parse(text));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Json.parseObject("[1]"));
	}

}
