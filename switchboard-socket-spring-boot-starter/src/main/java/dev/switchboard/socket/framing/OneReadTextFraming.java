package dev.switchboard.socket.framing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * "One read" of UTF-8 text: like {@link OneReadFraming}, whatever arrived in one go, and
 * the bytes must be strictly valid UTF-8 ({@link Utf8Validator}). A character split by
 * the network between two reads is completed (the missing one to three bytes are waited
 * for, within the server's timeouts); at the maximum, the message is cut before a
 * character that does not fit whole, and the rest stays for the next read.
 *
 * <pre>
 * client sends:  48 c3 a9 6c 6c 6f                 "Héllo"
 * read returns:  48 c3 a9 6c 6c 6f                 (the same 6 bytes)
 * client sends:  42 61 64 20 c0 af                 "Bad " + an overlong "/"
 * read throws:   InvalidUtf8Exception              "request is not valid UTF-8: byte 0xC0 at offset 4 cannot be there"
 * </pre>
 *
 * Invalid bytes, and a character cut short by the end of the input, are an
 * {@link InvalidUtf8Exception}. Requires an input that supports {@link InputStream#mark
 * mark/reset} (a connection's input does).
 */
public final class OneReadTextFraming implements Framing<byte[]> {

	private static final int LONGEST_CHARACTER = 4;

	private final int maxSize;

	OneReadTextFraming(int maxSize) {
		Assert.isTrue(maxSize >= LONGEST_CHARACTER, "'maxSize' must be at least 4 bytes, the longest character");
		this.maxSize = maxSize;
	}

	@Override
	public byte @Nullable [] read(InputStream input) throws IOException {
		Assert.isTrue(input.markSupported(), "One read text framing needs an input that supports mark/reset");
		input.mark(this.maxSize);
		byte[] message = Framings.oneRead(this.maxSize).read(input);
		if (message == null) {
			return null;
		}
		Utf8Validator utf8 = new Utf8Validator();
		check(utf8, message, 0, message.length);
		if (utf8.isComplete()) {
			return message;
		}
		if (message.length + utf8.missingBytes() > this.maxSize) {
			// the last character does not fit: it starts the next message
			int cut = (int) utf8.sequenceStart();
			input.reset();
			input.skipNBytes(cut);
			return Arrays.copyOf(message, cut);
		}
		return complete(input, utf8, message);
	}

	private byte[] complete(InputStream input, Utf8Validator utf8, byte[] message) throws IOException {
		int length = message.length;
		byte[] completed = Arrays.copyOf(message, length + utf8.missingBytes());
		while (!utf8.isComplete()) {
			int next = input.read();
			if (next < 0) {
				throw InvalidUtf8Exception.cutShort("request", utf8.sequenceStart());
			}
			completed[length] = (byte) next;
			check(utf8, completed, length, length + 1);
			length++;
		}
		return completed;
	}

	private static void check(Utf8Validator utf8, byte[] bytes, int from, int to) throws InvalidUtf8Exception {
		int invalid = utf8.check(bytes, from, to);
		if (invalid >= 0) {
			throw InvalidUtf8Exception.invalidByte("request", bytes[invalid], invalid);
		}
	}

	@Override
	public int maxSize() {
		return this.maxSize;
	}

	@Override
	public String toString() {
		return "one read of UTF-8 text (max " + this.maxSize + " bytes)";
	}

}
