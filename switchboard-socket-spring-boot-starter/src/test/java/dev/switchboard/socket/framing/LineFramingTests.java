package dev.switchboard.socket.framing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LineFraming}.
 */
class LineFramingTests {

	@Test
	void shouldSplitLinesEndedByLfOrCrlf() throws IOException {
		BufferedInputStream input = ChunkedInputStream.of("/join #gen\r\nhi", " there\n\nbye\r\n");
		Framing<String> framing = Framings.line();
		assertThat(framing.read(input)).isEqualTo("/join #gen");
		assertThat(framing.read(input)).isEqualTo("hi there");
		assertThat(framing.read(input)).isEmpty();
		assertThat(framing.read(input)).isEqualTo("bye");
		assertThat(framing.read(input)).isNull();
	}

	@Test
	void shouldReturnALastLineWithoutTerminator() throws IOException {
		BufferedInputStream input = ChunkedInputStream.of("first\nlast");
		assertThat(Framings.line().read(input)).isEqualTo("first");
		assertThat(Framings.line().read(input)).isEqualTo("last");
		assertThat(Framings.line().read(input)).isNull();
	}

	@Test
	void shouldDecodeUtf8SplitAcrossReads() throws IOException {
		BufferedInputStream input = new BufferedInputStream(ChunkedInputStream.ofBytes(new byte[] { 'c', 'a', 'f' },
				new byte[] { (byte) 0xc3 }, new byte[] { (byte) 0xa9, '\n' }));
		assertThat(Framings.line().read(input)).isEqualTo("café");
	}

	@Test
	void shouldRejectInvalidUtf8() {
		BufferedInputStream input = new BufferedInputStream(
				ChunkedInputStream.ofBytes(new byte[] { 'a', (byte) 0xff, 'b', '\n' }));
		assertThatExceptionOfType(InvalidUtf8Exception.class).isThrownBy(() -> Framings.line().read(input))
			.withMessage("line is not valid UTF-8: byte 0xFF at offset 1 cannot be there");
	}

	@Test
	void shouldRejectOverlongFormsSurrogatesAndCutSequencesThenReadTheNextLine() throws IOException {
		byte[][] invalid = { { 'B', (byte) 0xc0, (byte) 0xaf }, { (byte) 0xe0, (byte) 0x80, (byte) 0xaf },
				{ (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, { 'x', (byte) 0x80 }, { 'c', (byte) 0xe2, (byte) 0x82 },
				{ (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0xfc, (byte) 0x84, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80 } };
		for (byte[] line : invalid) {
			byte[] next = "caf\u00e9 ok\n".getBytes(StandardCharsets.UTF_8);
			BufferedInputStream input = new BufferedInputStream(
					ChunkedInputStream.ofBytes(line, new byte[] { '\n' }, next));
			assertThatExceptionOfType(InvalidUtf8Exception.class).isThrownBy(() -> Framings.line().read(input));
			assertThat(Framings.line().read(input)).isEqualTo("caf\u00e9 ok");
		}
	}

	@Test
	void shouldAcceptALineOfExactlyTheMaximumWithEitherTerminator() throws IOException {
		Framing<String> framing = Framings.line(5);
		assertThat(framing.read(ChunkedInputStream.of("12345\n"))).isEqualTo("12345");
		assertThat(framing.read(ChunkedInputStream.of("12345\r\n"))).isEqualTo("12345");
	}

	@Test
	void shouldRejectALineOverTheMaximum() {
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> Framings.line(5).read(ChunkedInputStream.of("123456\n")))
			.withMessage("request larger than the limit of 5 bytes");
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> Framings.line(5).read(ChunkedInputStream.of("12345\rx\n")));
	}

}
