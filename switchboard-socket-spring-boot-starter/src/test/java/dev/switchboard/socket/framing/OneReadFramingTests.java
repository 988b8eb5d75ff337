package dev.switchboard.socket.framing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OneReadFraming}.
 */
class OneReadFramingTests {

	@Test
	void shouldReturnWhatArrivedInOneGo() throws IOException {
		byte[] message = Framings.oneRead(1024).read(ChunkedInputStream.of("Hello server", " and more later"));
		assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo("Hello server");
	}

	@Test
	void shouldCutAtTheMaximumAndLeaveTheRestForTheNextRead() throws IOException {
		ByteArrayInputStream input = new ByteArrayInputStream("abcdefgh".getBytes(StandardCharsets.UTF_8));
		Framing<byte[]> framing = Framings.oneRead(5);
		assertThat(framing.read(input)).asString().isEqualTo("abcde");
		assertThat(framing.read(input)).asString().isEqualTo("fgh");
	}

	@Test
	void shouldReturnNullAtACleanEndOfInput() throws IOException {
		assertThat(Framings.oneRead().read(new ByteArrayInputStream(new byte[0]))).isNull();
	}

	@Test
	void shouldKeepBinaryBytesAsTheyAre() throws IOException {
		byte[] garbage = { (byte) 0xff, 0, (byte) 0xc3, 0x28 };
		assertThat(Framings.oneRead().read(new ByteArrayInputStream(garbage))).containsExactly(garbage);
	}

}
