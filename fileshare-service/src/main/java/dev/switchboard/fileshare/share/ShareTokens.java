package dev.switchboard.fileshare.share;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Random share and delete tokens (URL-safe Base64 of 128 and 256 random bits) and the
 * hashes under which delete tokens are stored.
 */
final class ShareTokens {

	private static final SecureRandom random = new SecureRandom();

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{16,64}");

	private ShareTokens() {
	}

	/**
	 * Return a new share token: 128 random bits, 22 URL-safe characters.
	 * @return the token
	 */
	static String newShareToken() {
		return randomToken(16);
	}

	/**
	 * Return a new delete token: 256 random bits, 43 URL-safe characters.
	 * @return the token
	 */
	static String newDeleteToken() {
		return randomToken(32);
	}

	/**
	 * Whether a value has the shape of a token; anything else cannot name a share.
	 * @param value the value a client sent
	 * @return {@code true} when it may be a token
	 */
	static boolean isWellFormed(String value) {
		return value != null && WELL_FORMED.matcher(value).matches();
	}

	/**
	 * Return the SHA-256 of a token, in lowercase hex. A plain hash suffices: the token
	 * has 256 random bits, so there is nothing to guess.
	 * @param token the token
	 * @return its hash
	 */
	static String hash(String token) {
		return HexFormat.of().formatHex(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Whether a token matches a stored hash, in constant time.
	 * @param token the token a client sent, may be {@code null}
	 * @param hash the stored hash
	 * @return {@code true} on a match
	 */
	static boolean matches(String token, String hash) {
		if (token == null || token.isEmpty() || token.length() > 128) {
			return false;
		}
		return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
				hash.getBytes(StandardCharsets.US_ASCII));
	}

	private static String randomToken(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return encoder.encodeToString(value);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
