package dev.switchboard.socket.framing;

import org.springframework.util.unit.DataSize;

/**
 * The framings of the course's protocols, each with an explicit maximum.
 *
 * <pre class="code">
 * byte[] request = connection.read(Framings.jsonDocument(connection.maxRequestSize()));
 * String line = connection.read(Framings.line(8192));
 * </pre>
 */
public final class Framings {

	/**
	 * The default maximum of {@link #oneRead()} and {@link #jsonDocument()}.
	 */
	public static final int DEFAULT_MAX_SIZE = (int) DataSize.ofKilobytes(64).toBytes();

	/**
	 * The default maximum of {@link #line()}.
	 */
	public static final int DEFAULT_MAX_LINE_LENGTH = (int) DataSize.ofKilobytes(8).toBytes();

	private Framings() {
	}

	/**
	 * "One read", the course's {@code recv()}: whatever arrived in one go.
	 * @param maxSize the most bytes one read returns
	 * @return the framing
	 * @see OneReadFraming
	 */
	public static Framing<byte[]> oneRead(int maxSize) {
		return new OneReadFraming(maxSize);
	}

	/**
	 * "One read" of at most 64 KiB.
	 * @return the framing
	 */
	public static Framing<byte[]> oneRead() {
		return oneRead(DEFAULT_MAX_SIZE);
	}

	/**
	 * "One read" of text: whatever arrived in one go, strictly valid UTF-8 (a character
	 * split between two reads is completed).
	 * @param maxSize the most bytes one read returns (at least 4)
	 * @return the framing
	 * @see OneReadTextFraming
	 */
	public static Framing<byte[]> oneReadText(int maxSize) {
		return new OneReadTextFraming(maxSize);
	}

	/**
	 * "One JSON document", without delimiter: ends with the root value.
	 * @param maxSize the largest document, in bytes
	 * @return the framing
	 * @see JsonDocumentFraming
	 */
	public static Framing<byte[]> jsonDocument(int maxSize) {
		return new JsonDocumentFraming(maxSize);
	}

	/**
	 * "One JSON document" of at most 64 KiB.
	 * @return the framing
	 */
	public static Framing<byte[]> jsonDocument() {
		return jsonDocument(DEFAULT_MAX_SIZE);
	}

	/**
	 * "Line": UTF-8 text ended by LF or CRLF.
	 * @param maxLength the longest line, in bytes, terminator excluded
	 * @return the framing
	 * @see LineFraming
	 */
	public static Framing<String> line(int maxLength) {
		return new LineFraming(maxLength);
	}

	/**
	 * "Line" of at most 8 KiB.
	 * @return the framing
	 */
	public static Framing<String> line() {
		return line(DEFAULT_MAX_LINE_LENGTH);
	}

}
