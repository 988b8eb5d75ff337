package dev.switchboard.fileshare.download;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One range of bytes of a file, from a {@code Range: bytes=...} header (RFC 9110
 * §14.1.2). Only single ranges are served; a request for several ranges gets the whole
 * file, as the RFC allows.
 *
 * @param start the first byte
 * @param length how many bytes
 */
public record ByteRange(long start, long length) {

	private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d{0,40})\\s*-\\s*(\\d{0,40})\\s*");

	/**
	 * Return the last byte of the range.
	 * @return its position
	 */
	public long end() {
		return this.start + this.length - 1;
	}

	/**
	 * Return the {@code Content-Range} value of this range.
	 * @param size the size of the whole file
	 * @return the header value
	 */
	public String contentRange(long size) {
		return "bytes " + this.start + "-" + end() + "/" + size;
	}

	/**
	 * Parse a {@code Range} header.
	 * @param header the header value, or {@code null}
	 * @param size the size of the file
	 * @return the range, or {@code null} when the whole file should be sent (no header,
	 * several ranges, another unit, a malformed value)
	 * @throws UnsatisfiableRangeException if the range lies outside the file
	 */
	public static ByteRange parse(String header, long size) {
		if (header == null) {
			return null;
		}
		Matcher matcher = SINGLE.matcher(header);
		if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
			return null;
		}
		String first = matcher.group(1);
		String last = matcher.group(2);
		try {
			if (first.isEmpty()) {
				// Suffix range: the last N bytes
				long suffix = Long.parseLong(last);
				if (suffix == 0 || size == 0) {
					throw new UnsatisfiableRangeException(size);
				}
				long length = Math.min(suffix, size);
				return new ByteRange(size - length, length);
			}
			long start = Long.parseLong(first);
			if (start >= size) {
				throw new UnsatisfiableRangeException(size);
			}
			long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
			if (end < start) {
				// first-pos > last-pos is invalid syntax: ignore the header
				return null;
			}
			return new ByteRange(start, end - start + 1);
		}
		catch (NumberFormatException ex) {
			// Beyond a long: no file is that large
			throw new UnsatisfiableRangeException(size);
		}
	}

}
