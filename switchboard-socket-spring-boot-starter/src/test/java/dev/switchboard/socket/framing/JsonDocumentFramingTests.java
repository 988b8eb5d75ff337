package dev.switchboard.socket.framing;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JsonDocumentFraming}.
 */
class JsonDocumentFramingTests {

	private final Framing<byte[]> framing = Framings.jsonDocument(1024);

	@Test
	void shouldEndTheMessageWithTheRootObjectWithoutWaitingForMore() throws IOException {
		// the course's client: no delimiter, no half-close; the input never ends here
		ChunkedInputStream chunks = ChunkedInputStream
			.ofBytes("{\"cmd\": \"list\", \"args\": {}}".getBytes(StandardCharsets.UTF_8));
		assertThat(this.framing.read(new BufferedInputStream(chunks))).asString()
			.isEqualTo("{\"cmd\": \"list\", \"args\": {}}");
	}

	@Test
	void shouldReassembleADocumentArrivingInFragments() throws IOException {
		BufferedInputStream input = ChunkedInputStream.of("  {\"cmd\": \"ad", "d\", \"args\": {\"name\": \"Bas",
				"ile\", \"tags\": [1, {\"x\": \"}\"}]}", "}\n");
		assertThat(this.framing.read(input)).asString()
			.isEqualTo("{\"cmd\": \"add\", \"args\": {\"name\": \"Basile\", \"tags\": [1, {\"x\": \"}\"}]}}");
	}

	@Test
	void shouldLeaveTheBytesAfterTheDocumentForTheNextRead() throws IOException {
		BufferedInputStream input = ChunkedInputStream.of("{\"a\":1}[2,3] \"four\" 5");
		assertThat(this.framing.read(input)).asString().isEqualTo("{\"a\":1}");
		assertThat(this.framing.read(input)).asString().isEqualTo("[2,3]");
		assertThat(this.framing.read(input)).asString().isEqualTo("\"four\"");
		assertThat(this.framing.read(input)).asString().isEqualTo("5");
		assertThat(this.framing.read(input)).isNull();
	}

	@Test
	void shouldKeepUtf8AndEscapesIntact() throws IOException {
		String document = "{\"name\":\"Hélène \\u00e9 😀\"}";
		assertThat(this.framing.read(ChunkedInputStream.of(document))).asString(StandardCharsets.UTF_8)
			.isEqualTo(document);
	}

	@Test
	void shouldReturnNullWhenTheInputEndsBeforeADocument() throws IOException {
		assertThat(this.framing.read(ChunkedInputStream.of())).isNull();
		assertThat(this.framing.read(ChunkedInputStream.of(" \r\n "))).isNull();
	}

	@Test
	void shouldRejectADocumentCutShort() {
		assertThatExceptionOfType(TruncatedFrameException.class)
			.isThrownBy(() -> this.framing.read(ChunkedInputStream.of("{\"cmd\": \"li")))
			.withMessage("request ended before the end of the JSON document");
	}

	@Test
	void shouldRejectMalformedJson() {
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> this.framing.read(ChunkedInputStream.of("{\"cmd\" \"list\"}")))
			.withMessageStartingWith("malformed JSON: Unexpected character");
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> this.framing.read(ChunkedInputStream.of("hello")));
	}

	@Test
	void shouldRejectBinaryGarbageAndInvalidUtf8() {
		byte[] garbage = { (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef };
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> this.framing.read(new BufferedInputStream(ChunkedInputStream.ofBytes(garbage))));
		byte[] invalidUtf8 = { '{', '"', 'a', '"', ':', '"', (byte) 0xc3, '(', '"', '}' };
		assertThatExceptionOfType(MalformedFrameException.class)
			.isThrownBy(() -> this.framing.read(new BufferedInputStream(ChunkedInputStream.ofBytes(invalidUtf8))))
			.withMessageContaining("UTF-8");
	}

	@Test
	void shouldRejectOverlongFormsThatJacksonWouldDecode() {
		// "Bad " + C0 AF (an overlong "/"): Jackson's parser alone reads "Bad /"
		byte[] document = { '{', '"', 'n', '"', ':', '"', 'B', 'a', 'd', ' ', (byte) 0xc0, (byte) 0xaf, '"', '}' };
		assertThatExceptionOfType(InvalidUtf8Exception.class)
			.isThrownBy(() -> this.framing.read(new BufferedInputStream(ChunkedInputStream.ofBytes(document))))
			.withMessage("request is not valid UTF-8: byte 0xC0 at offset 10 cannot be there");
		byte[][] invalid = { { (byte) 0xe0, (byte) 0x80, (byte) 0xaf }, { (byte) 0xed, (byte) 0xa0, (byte) 0x80 },
				{ (byte) 0x80 }, { (byte) 0xe2, (byte) 0x82, ' ' },
				{ (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 } };
		for (byte[] sequence : invalid) {
			byte[] start = "{\"n\":\"".getBytes(StandardCharsets.UTF_8);
			byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
			// in fragments: the validator carries its state from one read to the next
			assertThatExceptionOfType(InvalidUtf8Exception.class).isThrownBy(
					() -> this.framing.read(new BufferedInputStream(ChunkedInputStream.ofBytes(start, sequence, end))));
		}
	}

	@Test
	void shouldEndADocumentBeforeInvalidBytesThatFollowIt() throws IOException {
		BufferedInputStream input = new BufferedInputStream(
				ChunkedInputStream.ofBytes(new byte[] { '{', '}', (byte) 0xc0, (byte) 0xaf }));
		assertThat(this.framing.read(input)).asString().isEqualTo("{}");
		assertThatExceptionOfType(InvalidUtf8Exception.class).isThrownBy(() -> this.framing.read(input));
	}

	@Test
	void shouldRejectADocumentOverTheMaximumWithoutReadingFurther() {
		String big = "{\"a\":\"" + "x".repeat(2000) + "\"}";
		ChunkedInputStream chunks = ChunkedInputStream.ofBytes(big.getBytes(StandardCharsets.UTF_8),
				"never read".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(FrameTooLargeException.class)
			.isThrownBy(() -> Framings.jsonDocument(100).read(new BufferedInputStream(chunks)))
			.withMessage("request larger than the limit of 100 bytes");
		assertThat(chunks.reads()).isEqualTo(1);
	}

	@Test
	void shouldAcceptADocumentOfExactlyTheMaximum() throws IOException {
		String document = "{\"a\":\"" + "x".repeat(92) + "\"}";
		assertThat(document).hasSize(100);
		assertThat(Framings.jsonDocument(100).read(ChunkedInputStream.of(document))).hasSize(100);
	}

	@Test
	void shouldReadFromAPlainByteArray() throws IOException {
		byte[] bytes = "{\"cmd\":\"list\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(this.framing.read(new ByteArrayInputStream(bytes))).isEqualTo(bytes);
	}

}
