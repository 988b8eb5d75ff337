package dev.switchboard.socket.framing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.json.JsonFactory;

import org.springframework.util.Assert;

/**
 * "One JSON document": a message is one complete JSON value, with no delimiter and no
 * half-close, as the course's contacts client sends it. Jackson's non-blocking parser
 * reads the bytes as they arrive and the message ends with the value (the brace that
 * closes the root object). Nothing is bound to objects here: the message is the
 * document's bytes, whitespace around it excluded; bytes after it stay for the next read.
 *
 * <pre>
 * client sends:  {"cmd": "list", "args": {}}                 (then waits, socket open)
 * bytes:         7b 22 63 6d 64 22 3a 20 ... 7b 7d 7d          27 bytes
 * read returns:  the 27 bytes, as soon as the last 7d arrives
 * </pre>
 *
 * A root number ({@code 42}) ends at the next whitespace or at the end of input. Invalid
 * UTF-8, overlong forms included, is an {@link InvalidUtf8Exception} (checked by
 * {@link Utf8Validator} before Jackson sees the bytes, since Jackson's parser decodes
 * {@code C0 AF} as {@code /}), other invalid JSON a {@link MalformedFrameException}, a
 * document still open after the maximum a {@link FrameTooLargeException}, input that ends
 * inside a document a {@link TruncatedFrameException}. Requires an input that supports
 * {@link InputStream#mark mark/reset} (a connection's input does).
 */
public final class JsonDocumentFraming implements Framing<byte[]> {

	private static final JsonFactory JSON = new JsonFactory();

	private static final int INITIAL_BUFFER = 512;

	private final int maxSize;

	JsonDocumentFraming(int maxSize) {
		Assert.isTrue(maxSize > 0, "'maxSize' must be positive");
		this.maxSize = maxSize;
	}

	@Override
	public byte @Nullable [] read(InputStream input) throws IOException {
		Assert.isTrue(input.markSupported(), "JSON document framing needs an input that supports mark/reset");
		input.mark(this.maxSize);
		try (JsonParser parser = JSON.createNonBlockingByteArrayParser(ObjectReadContext.empty())) {
			return read(input, parser, (ByteArrayFeeder) parser.nonBlockingInputFeeder());
		}
		catch (JacksonException ex) {
			throw new MalformedFrameException("malformed JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private byte @Nullable [] read(InputStream input, JsonParser parser, ByteArrayFeeder feeder) throws IOException {
		byte[] received = new byte[Math.min(INITIAL_BUFFER, this.maxSize)];
		int total = 0;
		Document document = new Document();
		Utf8Validator utf8 = new Utf8Validator();
		while (true) {
			if (total == this.maxSize) {
				throw new FrameTooLargeException(this.maxSize);
			}
			if (total == received.length) {
				received = Arrays.copyOf(received, Math.min(received.length * 2, this.maxSize));
			}
			int count = input.read(received, total, received.length - total);
			if (count < 0) {
				return atEndOfInput(parser, feeder, document, received);
			}
			// Jackson decodes overlong forms without a word: only strictly valid bytes
			// reach it; the document may still end before an invalid byte that belongs
			// to what follows it
			int invalid = utf8.check(received, total, total + count);
			int valid = (invalid >= 0) ? invalid : total + count;
			feeder.feedInput(received, total, valid);
			document.skipWhitespace(received, total, valid);
			total += count;
			if (document.advance(parser)) {
				return complete(input, received, total, document);
			}
			if (invalid >= 0) {
				throw InvalidUtf8Exception.invalidByte("request", received[invalid], invalid);
			}
		}
	}

	private byte @Nullable [] atEndOfInput(JsonParser parser, ByteArrayFeeder feeder, Document document,
			byte[] received) throws TruncatedFrameException {
		if (!document.started()) {
			return null; // nothing but whitespace: a clean end between messages
		}
		feeder.endOfInput();
		try {
			if (document.advance(parser)) {
				return Arrays.copyOfRange(received, document.start, document.end);
			}
		}
		catch (JacksonException ex) {
			// "unexpected end-of-input": the value was cut short
		}
		throw new TruncatedFrameException("request ended before the end of the JSON document");
	}

	private byte[] complete(InputStream input, byte[] received, int total, Document document) throws IOException {
		if (document.end < total) {
			// read ahead: leave what follows the document for the next read
			input.reset();
			input.skipNBytes(document.end);
		}
		return Arrays.copyOfRange(received, document.start, document.end);
	}

	@Override
	public int maxSize() {
		return this.maxSize;
	}

	@Override
	public String toString() {
		return "one JSON document (max " + this.maxSize + " bytes)";
	}

	/**
	 * Where the root value starts and ends, tracked token by token.
	 */
	private static final class Document {

		private int depth;

		private int start = -1;

		private int end = -1;

		boolean started() {
			return this.start >= 0;
		}

		/**
		 * Find where the document starts: JSON allows only these four whitespace bytes
		 * before a value.
		 */
		void skipWhitespace(byte[] bytes, int from, int to) {
			for (int i = from; this.start < 0 && i < to; i++) {
				byte b = bytes[i];
				if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
					this.start = i;
				}
			}
		}

		/**
		 * Consume the tokens available.
		 * @return whether the root value is complete
		 */
		boolean advance(JsonParser parser) {
			JsonToken token;
			while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
				if (token.isStructStart()) {
					this.depth++;
				}
				else if (token.isStructEnd()) {
					this.depth--;
				}
				if (this.depth == 0) {
					this.end = (int) parser.currentLocation().getByteOffset();
					return true;
				}
			}
			return false;
		}

	}

}
