package dev.switchboard.fileshare.upload;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Checks the relative names clients give their files ({@code photos/2024/été.jpg}) before
 * anything else happens to them. Names are only ever stored in the database and written
 * as zip entries and header values, never used as paths, but a name that could escape a
 * folder when a zip is extracted (zip-slip) or break a header is refused here.
 */
final class FileNames {

	/** Longest segment, in UTF-8 bytes, that common file systems accept. */
	static final int MAX_SEGMENT_BYTES = 255;

	private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");

	private FileNames() {
	}

	/**
	 * Decode what browsers, curl and Python's {@code requests} do to a quote in a
	 * multipart filename (HTML's {@code %22}, or the quoted pair {@code \"}), then check
	 * the name.
	 * @param raw the filename of the part, as parsed
	 * @param maxLength the longest name accepted, in characters
	 * @return the name to store
	 * @throws InvalidUploadException if the name is empty or unsafe
	 */
	static String check(String raw, int maxLength) {
		if (raw == null || raw.isEmpty()) {
			throw new InvalidUploadException("Every 'file' part needs a filename.");
		}
		String name = raw.replace("\\\"", "\"").replace("%22", "\"");
		if (name.length() > maxLength) {
			throw refused(name, "is longer than " + maxLength + " characters");
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == 0) {
				throw refused(name, "contains a NUL character");
			}
			if (Character.isISOControl(c)) {
				throw refused(name, "contains a control character");
			}
			if (c == '\\') {
				throw refused(name, "contains a backslash; separate folders with '/'");
			}
		}
		if (name.startsWith("/") || DRIVE_LETTER.matcher(name).matches()) {
			throw refused(name, "is an absolute path; give a path relative to the shared folder");
		}
		for (String segment : name.split("/", -1)) {
			checkSegment(name, segment);
		}
		return name;
	}

	private static void checkSegment(String name, String segment) {
		if (segment.isEmpty()) {
			throw refused(name, "has an empty segment ('//' or a trailing '/')");
		}
		if (segment.equals("..")) {
			throw refused(name, "has a '..' segment");
		}
		if (segment.equals(".")) {
			throw refused(name, "has a '.' segment");
		}
		if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
			throw refused(name, "has a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
		}
	}

	private static InvalidUploadException refused(String name, String reason) {
		return new InvalidUploadException("The file name '%s' %s.".formatted(printable(name), reason));
	}

	// The detail of the answer must stay one readable line, whatever the name holds
	private static String printable(String name) {
		StringBuilder printable = new StringBuilder();
		name.codePoints().limit(200).forEach((c) -> {
			if (Character.isISOControl(c)) {
				printable.append("\\u%04x".formatted(c));
			}
			else {
				printable.appendCodePoint(c);
			}
		});
		return (name.codePointCount(0, name.length()) > 200) ? printable + "…" : printable.toString();
	}

}
