package dev.switchboard.fileshare.upload;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The streaming multipart parser, on in-memory bodies read a few bytes at a time, so that
 * boundaries and headers straddle every possible buffer edge.
 */
class MultipartReaderTests {

	private static final String BOUNDARY = "XyZ-b0undary";

	@ParameterizedTest
	@ValueSource(ints = { 1, 3, 7, 64, 100_000 })
	void shouldReadHeadersAndContentOfEveryPart(int chunk) throws IOException {
		byte[] binary = new byte[5000];
		ThreadLocalRandom.current().nextBytes(binary);
		// Content that looks like a boundary without being one
		byte[] tricky = ("line\r\n--XyZ-b0undar\r\n-- XyZ\r\n--XyZ-b0undarz").getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		write(body, "preamble to ignore\r\n--" + BOUNDARY + "\r\n");
		write(body, "Content-Disposition: form-data; name=\"maxDownloads\"\r\n\r\n3\r\n--" + BOUNDARY + "\r\n");
		write(body, "Content-Disposition: form-data; name=\"file\"; filename=\"été.bin\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n");
		body.writeBytes(binary);
		write(body,
				"\r\n--" + BOUNDARY + "  \r\nContent-Disposition: form-data; name=\"file\"; filename=\"t\"\r\n\r\n");
		body.writeBytes(tricky);
		write(body,
				"\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"empty\"\r\n\r\n");
		write(body, "\r\n--" + BOUNDARY + "--\r\nepilogue to ignore");

		List<String[]> parts = readAll(new Trickle(body.toByteArray(), chunk), 600);

		assertThat(parts).hasSize(4);
		assertThat(parts.get(0)[0]).isEqualTo("Content-Disposition: form-data; name=\"maxDownloads\"\r\n\r\n");
		assertThat(parts.get(0)[1]).isEqualTo("3");
		assertThat(parts.get(1)[0]).contains("filename=\"été.bin\"")
			.endsWith("Content-Type: application/octet-stream\r\n\r\n");
		assertThat(parts.get(1)[1].getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(binary);
		assertThat(parts.get(2)[1].getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(tricky);
		assertThat(parts.get(3)[1]).isEmpty();
	}

	@Test
	void shouldLetAPartBeSkippedUnread() throws IOException {
		String body = "--" + BOUNDARY + "\r\nA: 1\r\n\r\nskipped content\r\n--" + BOUNDARY
				+ "\r\nB: 2\r\n\r\nread\r\n--" + BOUNDARY + "--";
		MultipartReader reader = new MultipartReader(new Trickle(body.getBytes(StandardCharsets.UTF_8), 5), BOUNDARY,
				600, 256);

		assertThat(reader.nextPart()).isEqualTo("A: 1\r\n\r\n");
		assertThat(reader.nextPart()).isEqualTo("B: 2\r\n\r\n");
		byte[] content = new byte[10];
		assertThat(reader.read(content, 0, 10)).isEqualTo(4);
		assertThat(reader.read(content, 0, 10)).isEqualTo(-1);
		assertThat(reader.nextPart()).isNull();
		assertThat(reader.nextPart()).isNull();
	}

	@Test
	void shouldReadAPartWithoutHeaders() throws IOException {
		String body = "--" + BOUNDARY + "\r\n\r\nbare\r\n--" + BOUNDARY + "--\r\n";

		List<String[]> parts = readAll(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 600);

		assertThat(parts).hasSize(1);
		assertThat(parts.get(0)[0]).isEqualTo("\r\n");
		assertThat(parts.get(0)[1]).isEqualTo("bare");
	}

	@ParameterizedTest
	@ValueSource(strings = { "no boundary at all", "--XyZ-b0undary\r\nA: 1\r\n\r\ncontent without end",
			"--XyZ-b0undary\r\nA: 1", "--XyZ-b0undaryjunk\r\n\r\n\r\n--XyZ-b0undary--" })
	void shouldRefuseMalformedBodies(String body) {
		assertThatExceptionOfType(InvalidUploadException.class)
			.isThrownBy(() -> readAll(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 600))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("The multipart body is malformed"));
	}

	@Test
	void shouldRefuseHeadersOverTheLimit() {
		String body = "--" + BOUNDARY + "\r\nX: " + "a".repeat(300) + "\r\n\r\nx\r\n--" + BOUNDARY + "--";

		assertThatExceptionOfType(InvalidUploadException.class)
			.isThrownBy(() -> readAll(new Trickle(body.getBytes(StandardCharsets.UTF_8), 9), 600))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("larger than 256 bytes"));
	}

	private static List<String[]> readAll(InputStream in, int bufferSize) throws IOException {
		MultipartReader reader = new MultipartReader(in, BOUNDARY, bufferSize, 256);
		List<String[]> parts = new ArrayList<>();
		String headers;
		while ((headers = reader.nextPart()) != null) {
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			byte[] chunk = new byte[37];
			int read;
			while ((read = reader.read(chunk, 0, chunk.length)) != -1) {
				content.write(chunk, 0, read);
			}
			parts.add(new String[] { headers, content.toString(StandardCharsets.ISO_8859_1) });
		}
		return parts;
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A body that arrives a few bytes at a time, as from a slow network.
	 */
	private static final class Trickle extends InputStream {

		private final byte[] bytes;

		private final int chunk;

		private int position;

		Trickle(byte[] bytes, int chunk) {
			this.bytes = bytes;
			this.chunk = chunk;
		}

		@Override
		public int read() {
			return (this.position < this.bytes.length) ? this.bytes[this.position++] & 0xff : -1;
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			if (this.position >= this.bytes.length) {
				return -1;
			}
			int count = Math.min(Math.min(length, this.chunk), this.bytes.length - this.position);
			System.arraycopy(this.bytes, this.position, target, offset, count);
			this.position += count;
			return count;
		}

	}

	@Test
	void shouldReadTheBoundaryOfAMultipartContentTypeQuotedOrNot() {
		assertThat(MultipartReader.boundary("multipart/form-data; boundary=abc123")).isEqualTo("abc123");
		assertThat(MultipartReader.boundary("multipart/form-data; boundary=\"a b:c\"")).isEqualTo("a b:c");
		assertThat(MultipartReader.boundary("multipart/form-data")).isNull();
		assertThat(MultipartReader.boundary("multipart/form-data; boundary=\"\"")).isNull();
		assertThat(MultipartReader.boundary("not a media type")).isNull();
		assertThat(MultipartReader.boundary(null)).isNull();
	}

}
