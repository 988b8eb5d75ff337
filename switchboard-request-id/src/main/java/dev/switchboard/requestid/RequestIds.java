package dev.switchboard.requestid;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The {@code X-Request-Id} rule every part of the suite applies, the gateway and the
 * services alike: which id a client may bring (short and printable, kept as it is) and
 * how a new one is made (a random version 4 UUID, {@code 8-4-4-4-12} hexadecimal digits).
 * <p>
 * Plain Java on purpose: the servlet services and the reactive gateway both use it.
 */
public final class RequestIds {

	/** The header carrying the request id. */
	public static final String HEADER = "X-Request-Id";

	/** The longest request id kept from a client. */
	public static final int MAX_LENGTH = 128;

	private RequestIds() {
	}

	/**
	 * The id of a request: the one its client sent when acceptable, else a new one.
	 * @param candidate the id the client sent, or {@code null}
	 * @return the request id
	 * @see #isAcceptable(String)
	 */
	public static String acceptOrGenerate(@Nullable String candidate) {
		return (candidate != null && isAcceptable(candidate)) ? candidate : generate();
	}

	/**
	 * Whether an id a client sent is kept as it is: 1 to {@value #MAX_LENGTH} ASCII
	 * letters, digits, {@code .}, {@code _}, {@code :} or {@code -}, so that it can
	 * neither forge log lines nor bloat every log entry.
	 * @param candidate the id the client sent
	 * @return whether it is kept
	 */
	public static boolean isAcceptable(String candidate) {
		int length = candidate.length();
		if (length == 0 || length > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (!isAllowed(candidate.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == ':';
	}

	/**
	 * A new request id: a random version 4 UUID, such as
	 * {@code 3f2b8c1e-5d4a-4e7b-9c0d-1a2b3c4d5e6f}. A request id only ties log lines
	 * together, it guards nothing, so it is drawn from {@link ThreadLocalRandom}:
	 * {@link UUID#randomUUID()} reads the system's secure random source under a global
	 * lock, a measurable share of a small request's cost.
	 * @return the new request id
	 */
	public static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

}
