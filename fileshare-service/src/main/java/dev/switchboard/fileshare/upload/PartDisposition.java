package dev.switchboard.fileshare.upload;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * The field name and file name of one part of a {@code multipart/form-data} body, from
 * its {@code Content-Disposition} header (RFC 7578), read by Spring's
 * {@link ContentDisposition}: {@code filename*} (RFC 5987/2231), RFC 2047 encoded words
 * and quoted pairs included.
 *
 * @param name the form field, {@code null} when the part is not {@code form-data}
 * @param filename the file name, trimmed, {@code null} when the part is not a file
 */
record PartDisposition(@Nullable String name, @Nullable String filename) {

	private static final PartDisposition NONE = new PartDisposition(null, null);

	/**
	 * Read the disposition of a part.
	 * @param headers the part's header block, as {@link MultipartReader#nextPart()}
	 * returns it
	 * @return the disposition; both members {@code null} when the part has none
	 * @throws InvalidUploadException if the header cannot be parsed
	 */
	static PartDisposition of(String headers) {
		String value = header(headers, HttpHeaders.CONTENT_DISPOSITION);
		if (value == null) {
			return NONE;
		}
		ContentDisposition disposition;
		try {
			disposition = ContentDisposition.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidUploadException("The multipart body is malformed: a part's Content-Disposition "
					+ "cannot be read (" + ex.getMessage() + ").");
		}
		if (!disposition.isFormData() && !disposition.isAttachment()) {
			return NONE;
		}
		String filename = disposition.getFilename();
		return new PartDisposition(disposition.isFormData() ? disposition.getName() : null,
				(filename != null) ? filename.trim() : null);
	}

	/**
	 * The value of a header in a part's header block, its folded lines (RFC 5322)
	 * unfolded; {@code null} when absent.
	 */
	private static @Nullable String header(String headers, String name) {
		String prefix = name.toLowerCase(Locale.ROOT) + ":";
		StringBuilder value = null;
		for (String line : headers.split("\r\n")) {
			if (value != null && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
				value.append(' ').append(line.strip());
			}
			else if (value != null) {
				break;
			}
			else if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
				value = new StringBuilder(line.substring(prefix.length()).strip());
			}
		}
		return (value != null) ? value.toString() : null;
	}

}
