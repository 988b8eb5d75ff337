package dev.switchboard.messaging.websocket;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.TextMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FrameAssembler}.
 */
class FrameAssemblerTests {

	private final FrameAssembler assembler = new FrameAssembler(10);

	@Test
	void shouldPassAWholeSmallFrame() {
		assertThat(this.assembler.add(new TextMessage("{}", true)).payload()).isEqualTo("{}");
	}

	@Test
	void shouldJoinParts() {
		assertThat(this.assembler.add(new TextMessage("{\"a\"", false))).isEqualTo(FrameAssembler.Result.PARTIAL);
		assertThat(this.assembler.add(new TextMessage(":1}", true)).payload()).isEqualTo("{\"a\":1}");
	}

	@Test
	void shouldRefuseAFrameOverTheLimitCountedInUtf8BytesThenRecover() {
		assertThat(this.assembler.add(new TextMessage("ééééé", false))).isEqualTo(FrameAssembler.Result.PARTIAL);
		assertThat(this.assembler.add(new TextMessage("é", false)).isTooLarge()).isFalse();
		assertThat(this.assembler.add(new TextMessage("end", true)).isTooLarge()).isTrue();
		assertThat(this.assembler.add(new TextMessage("{}", true)).payload()).isEqualTo("{}");
	}

}
