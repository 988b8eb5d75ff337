package dev.switchboard.socket.framing;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * An in-memory input that delivers its bytes in the given fragments, one fragment per
 * read, as a socket does when a message arrives in several segments.
 */
final class ChunkedInputStream extends InputStream {

	private final Deque<byte[]> chunks = new ArrayDeque<>();

	private byte[] current = new byte[0];

	private int position;

	private int reads;

	private ChunkedInputStream(byte[]... chunks) {
		this.chunks.addAll(Arrays.asList(chunks));
	}

	/**
	 * Fragments of text, buffered like a connection's input (mark/reset supported).
	 * @param chunks the fragments, in UTF-8
	 * @return the input
	 */
	static BufferedInputStream of(String... chunks) {
		return new BufferedInputStream(ofBytes(
				Arrays.stream(chunks).map((chunk) -> chunk.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new)),
				16);
	}

	static ChunkedInputStream ofBytes(byte[]... chunks) {
		return new ChunkedInputStream(chunks);
	}

	int reads() {
		return this.reads;
	}

	@Override
	public int read() {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) {
		if (length == 0) {
			return 0;
		}
		if (this.position == this.current.length) {
			if (this.chunks.isEmpty()) {
				return -1;
			}
			this.current = this.chunks.poll();
			this.position = 0;
			this.reads++;
		}
		int count = Math.min(length, this.current.length - this.position);
		System.arraycopy(this.current, this.position, buffer, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public int available() {
		// like a socket: only what already arrived, never the next segment
		return this.current.length - this.position;
	}

}
