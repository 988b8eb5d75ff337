package dev.switchboard.socket.framing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link OneReadTextFraming}.
 */
class OneReadTextFramingTests {

	@Test
	void shouldReturnValidTextAsItsBytes() throws IOException {
		byte[] text = "Hélène dit 😀".getBytes(StandardCharsets.UTF_8);
		assertThat(Framings.oneReadText(1024).read(new BufferedInputStream(ChunkedInputStream.ofBytes(text))))
			.isEqualTo(text);
	}

	@Test
	void shouldCompleteACharacterSplitBetweenTwoReads() throws IOException {
		BufferedInputStream input = new BufferedInputStream(ChunkedInputStream
			.ofBytes(new byte[] { 'c', 'a', 'f', (byte) 0xc3 }, new byte[] { (byte) 0xa9, '!', '!' }));
		assertThat(Framings.oneReadText(1024).read(input)).asString(StandardCharsets.UTF_8).isEqualTo("café");
	}

	@Test
	void shouldCutBeforeACharacterThatDoesNotFitAndKeepItForTheNextRead() throws IOException {
		BufferedInputStream input = new BufferedInputStream(
				ChunkedInputStream.ofBytes("abcd€".getBytes(StandardCharsets.UTF_8)));
		Framing<byte[]> framing = Framings.oneReadText(5);
		assertThat(framing.read(input)).asString(StandardCharsets.UTF_8).isEqualTo("abcd");
		assertThat(framing.read(input)).asString(StandardCharsets.UTF_8).isEqualTo("€");
	}

	@Test
	void shouldRefuseInvalidUtf8AndACharacterCutShortByTheEndOfInput() {
		byte[][] invalid = { { 'B', (byte) 0xc0, (byte) 0xaf }, { (byte) 0xe0, (byte) 0x80, (byte) 0xaf },
				{ (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, { (byte) 0x80 }, { (byte) 0xe2, (byte) 0x82, 'x' },
				{ (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
				{ 'a', (byte) 0xe2, (byte) 0x82 } };
		for (byte[] bytes : invalid) {
			assertThatExceptionOfType(InvalidUtf8Exception.class).isThrownBy(
					() -> Framings.oneReadText(1024).read(new BufferedInputStream(ChunkedInputStream.ofBytes(bytes))));
		}
	}

}
