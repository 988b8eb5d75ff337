package dev.switchboard.socket.framing;

/**
 * A strict UTF-8 validator that reads bytes as they arrive, in pieces: exactly the
 * well-formed byte sequences of the Unicode standard (table 3-7) and RFC 3629 pass.
 * Overlong forms ({@code C0 AF} for {@code /}, {@code E0 80 AF}), UTF-16 surrogates
 * ({@code ED A0 80}), code points above U+10FFFF, the old 5- and 6-byte forms
 * ({@code F8}–{@code FD}), lone continuation bytes and sequences cut short are all
 * refused, as Java's {@code CharsetDecoder} with {@code CodingErrorAction.REPORT} refuses
 * them (and Jackson's byte parser, which decodes {@code C0 AF} as {@code /}, does not).
 * <p>
 * One instance follows one message; it is not thread-safe.
 *
 * <pre>
 * 63 61 66 c3 a9        "café"    valid
 * 42 61 64 20 c0 af     "Bad /"   invalid at offset 4 (overlong "/")
 * 63 61 66 c3           "caf" + a sequence cut short: incomplete until more bytes come
 * </pre>
 */
public final class Utf8Validator {

	private int needed;

	private int lower = 0x80;

	private int upper = 0xBF;

	private long offset;

	private long sequenceStart;

	/**
	 * Check the next bytes of the message.
	 * @param bytes the bytes
	 * @param from the first byte to check
	 * @param to the end of the bytes to check, exclusive
	 * @return the index in {@code bytes} of the first invalid byte, or {@code -1} when
	 * every byte is valid so far (the last sequence may still be incomplete: see
	 * {@link #isComplete()})
	 */
	public int check(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			int b = bytes[i] & 0xFF;
			if (this.needed == 0) {
				if (b < 0x80) {
					continue;
				}
				this.sequenceStart = this.offset + (i - from);
				if (!lead(b)) {
					this.offset += i - from;
					return i;
				}
			}
			else {
				if (b < this.lower || b > this.upper) {
					this.offset += i - from;
					return i;
				}
				this.needed--;
				this.lower = 0x80;
				this.upper = 0xBF;
			}
		}
		this.offset += to - from;
		return -1;
	}

	private boolean lead(int b) {
		if (b >= 0xC2 && b <= 0xDF) {
			return expect(1, 0x80, 0xBF);
		}
		if (b == 0xE0) {
			return expect(2, 0xA0, 0xBF); // E0 80..9F would be overlong
		}
		if (b == 0xED) {
			return expect(2, 0x80, 0x9F); // ED A0..BF would be a UTF-16 surrogate
		}
		if (b >= 0xE1 && b <= 0xEF) {
			return expect(2, 0x80, 0xBF);
		}
		if (b == 0xF0) {
			return expect(3, 0x90, 0xBF); // F0 80..8F would be overlong
		}
		if (b >= 0xF1 && b <= 0xF3) {
			return expect(3, 0x80, 0xBF);
		}
		if (b == 0xF4) {
			return expect(3, 0x80, 0x8F); // F4 90.. would be above U+10FFFF
		}
		// 80..BF: a continuation without a lead; C0, C1: overlong; F5..FF: beyond
		// U+10FFFF, 5- and 6-byte forms
		return false;
	}

	private boolean expect(int continuations, int nextLower, int nextUpper) {
		this.needed = continuations;
		this.lower = nextLower;
		this.upper = nextUpper;
		return true;
	}

	/**
	 * Return whether the bytes checked so far end on a character boundary.
	 * @return {@code false} when the last sequence needs more bytes
	 */
	public boolean isComplete() {
		return this.needed == 0;
	}

	/**
	 * Return how many more bytes the last sequence needs.
	 * @return 0 to 3
	 */
	public int missingBytes() {
		return this.needed;
	}

	/**
	 * Return where the last multi-byte sequence started, counted from the first byte ever
	 * checked: with an incomplete sequence, where to cut for complete characters.
	 * @return the offset of the last sequence's lead byte
	 */
	public long sequenceStart() {
		return this.sequenceStart;
	}

	/**
	 * Check a whole message.
	 * @param bytes the bytes
	 * @param from the first byte of the message
	 * @param to the end of the message, exclusive
	 * @param what what the message is, for the error ("request", "line")
	 * @throws InvalidUtf8Exception when the bytes are not valid UTF-8, or end in the
	 * middle of a character
	 */
	public static void validate(byte[] bytes, int from, int to, String what) throws InvalidUtf8Exception {
		Utf8Validator validator = new Utf8Validator();
		int invalid = validator.check(bytes, from, to);
		if (invalid >= 0) {
			throw InvalidUtf8Exception.invalidByte(what, bytes[invalid], invalid - from);
		}
		if (!validator.isComplete()) {
			throw InvalidUtf8Exception.cutShort(what, validator.sequenceStart());
		}
	}

	/**
	 * Return whether bytes are valid UTF-8.
	 * @param bytes the bytes
	 * @return whether they are complete, well-formed UTF-8
	 */
	public static boolean isValid(byte[] bytes) {
		Utf8Validator validator = new Utf8Validator();
		return validator.check(bytes, 0, bytes.length) < 0 && validator.isComplete();
	}

}
