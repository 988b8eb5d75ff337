package dev.switchboard.messaging.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer tokens: 256 random bits from {@link SecureRandom}, base64url-encoded, stored
 * only as their SHA-256 hash.
 * <p>
 * A fast hash is enough here, unlike for passwords: a token has 256 bits of entropy, so
 * nobody can guess one from its hash by trying candidates, while a slow hash (bcrypt)
 * would cost every request tens of milliseconds and rule out finding the user by an
 * indexed lookup of the hash. A stolen database still yields no usable token.
 */
public final class Tokens {

	private static final SecureRandom random = new SecureRandom();

	private static final int TOKEN_BYTES = 32;

	private Tokens() {
	}

	/**
	 * Create a new random token.
	 * @return 43 URL-safe characters
	 */
	public static String newToken() {
		byte[] bytes = new byte[TOKEN_BYTES];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Return the hash under which a token is stored.
	 * @param token the token
	 * @return its SHA-256, 64 lower-case hex digits
	 */
	public static String hash(String token) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
