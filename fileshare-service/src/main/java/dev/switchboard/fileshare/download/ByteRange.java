package dev.switchboard.fileshare.download;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpRange;

/**
 * One range of bytes of a file, from a {@code Range: bytes=...} header (RFC 9110 section
 * 14.1.2). Only single ranges are served; a request for several ranges gets the whole
 * file, as the RFC allows.
 *
 * @param start the first byte
 * @param length how many bytes
 */
public record ByteRange(long start, long length) {

	// 19 digits or more: past Long.MAX_VALUE, or as good as
	private static final Pattern BEYOND_A_LONG = Pattern.compile("\\d{19,}");

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
	 * Read a {@code Range} header, parsed by Spring's {@link HttpRange}.
	 * @param header the header value, or {@code null}
	 * @param size the size of the file
	 * @return the range, or {@code null} when the whole file should be sent (no header,
	 * several ranges, another unit, a malformed value)
	 * @throws UnsatisfiableRangeException if the range lies outside the file
	 */
	public static @Nullable ByteRange parse(@Nullable String header, long size) {
		List<HttpRange> ranges;
		try {
			ranges = HttpRange.parseRanges(header);
		}
		catch (IllegalArgumentException ex) {
			if (ex instanceof NumberFormatException && header != null && BEYOND_A_LONG.matcher(header).find()) {
				// a position no file can reach
				throw new UnsatisfiableRangeException(size);
			}
			// malformed (first-pos > last-pos included): ignore the header
			return null;
		}
		if (ranges.size() != 1) {
			return null;
		}
		HttpRange range = ranges.getFirst();
		long start = range.getRangeStart(size);
		long end = range.getRangeEnd(size);
		if (start >= size || end < start) {
			// past the end, a suffix of 0 bytes, or any range of an empty file
			throw new UnsatisfiableRangeException(size);
		}
		return new ByteRange(start, end - start + 1);
	}

}
