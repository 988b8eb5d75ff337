package dev.switchboard.socket.framing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * "Line": a message is one line of UTF-8 text ended by LF or CRLF, as {@code nc} and
 * telnet send them. The message is the text without its terminator. A last line without
 * terminator before the end of input is still a line.
 *
 * <pre>
 * client sends:  2f 6a 6f 69 6e 20 23 67 65 6e 0d 0a 68 69 0a   "/join #gen\r\nhi\n"
 * first read:    "/join #gen"
 * second read:   "hi"
 * third read:    null (after the client closes)
 * </pre>
 *
 * A line longer than the maximum (terminator excluded) is a
 * {@link FrameTooLargeException}; a line that is not strictly valid UTF-8 (checked by
 * {@link Utf8Validator}: overlong forms and surrogates are refused) an
 * {@link InvalidUtf8Exception}, thrown once the whole line is read, so that the next read
 * starts with the next line.
 */
public final class LineFraming implements Framing<String> {

	private static final int INITIAL_BUFFER = 128;

	private final int maxSize;

	LineFraming(int maxSize) {
		Assert.isTrue(maxSize > 0, "'maxSize' must be positive");
		this.maxSize = maxSize;
	}

	@Override
	public @Nullable String read(InputStream input) throws IOException {
		byte[] line = new byte[Math.min(INITIAL_BUFFER, this.maxSize + 1)];
		int length = 0;
		int next;
		while ((next = input.read()) != -1) {
			if (next == '\n') {
				return decode(line, (length > 0 && line[length - 1] == '\r') ? length - 1 : length);
			}
			if (length == this.maxSize + 1 || (length == this.maxSize && next != '\r')) {
				throw new FrameTooLargeException(this.maxSize);
			}
			if (length == line.length) {
				line = Arrays.copyOf(line, Math.min(line.length * 2, this.maxSize + 1));
			}
			line[length++] = (byte) next;
		}
		return (length > 0) ? decode(line, length) : null;
	}

	private String decode(byte[] line, int length) throws FramingException {
		if (length > this.maxSize) {
			throw new FrameTooLargeException(this.maxSize);
		}
		Utf8Validator.validate(line, 0, length, "line");
		return new String(line, 0, length, StandardCharsets.UTF_8);
	}

	@Override
	public int maxSize() {
		return this.maxSize;
	}

	@Override
	public String toString() {
		return "line (max " + this.maxSize + " bytes)";
	}

}
