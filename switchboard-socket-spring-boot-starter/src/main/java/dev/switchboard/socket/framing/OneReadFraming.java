package dev.switchboard.socket.framing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * "One read": a message is whatever arrives in one go, as the course's
 * {@code conn.recv(1024)} does. It waits for the first byte, then takes every byte
 * already received, up to the maximum, without waiting for more. There is no delimiter,
 * so a message longer than the maximum is cut at the maximum (the rest stays for the next
 * read); this framing never fails on size.
 *
 * <pre>
 * client sends:  48 65 6c 6c 6f 20 73 65 72 76 65 72      "Hello server"
 * read returns:  48 65 6c 6c 6f 20 73 65 72 76 65 72      (12 bytes, at once)
 * </pre>
 */
public final class OneReadFraming implements Framing<byte[]> {

	private final int maxSize;

	OneReadFraming(int maxSize) {
		Assert.isTrue(maxSize > 0, "'maxSize' must be positive");
		this.maxSize = maxSize;
	}

	@Override
	public byte @Nullable [] read(InputStream input) throws IOException {
		int first = input.read();
		if (first < 0) {
			return null;
		}
		int more = Math.min(input.available(), this.maxSize - 1);
		byte[] message = new byte[1 + more];
		message[0] = (byte) first;
		int read = (more > 0) ? input.readNBytes(message, 1, more) : 0;
		return (read == more) ? message : Arrays.copyOf(message, 1 + read);
	}

	@Override
	public int maxSize() {
		return this.maxSize;
	}

	@Override
	public String toString() {
		return "one read (max " + this.maxSize + " bytes)";
	}

}
