package dev.switchboard.fileshare.publicfolder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * A folder of the public folder, as JSON or as an HTML page like Python's
 * {@code SimpleHTTPRequestHandler} draws it.
 *
 * @param path the folder's path, from {@code /pub/}
 * @param entries its files and folders
 */
record DirectoryListing(@Schema(example = "/pub/docs/") String path, List<ListingEntry> entries) {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	static DirectoryListing of(String path, List<PublicFolder.Entry> entries) {
		return new DirectoryListing(path, entries.stream().map(ListingEntry::of).toList());
	}

	/**
	 * Render the listing as an HTML page; names are escaped, links are relative and
	 * percent-encoded.
	 * @return the page
	 */
	String toHtml() {
		String title = HtmlUtils.htmlEscape("Index of " + this.path);
		StringBuilder rows = new StringBuilder();
		if (!this.path.equals("/pub/")) {
			rows.append("<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n");
		}
		for (ListingEntry entry : this.entries) {
			String shown = HtmlUtils
				.htmlEscape(entry.name() + (entry.type().equals(ListingEntry.DIRECTORY) ? "/" : ""));
			rows.append("<tr><td><a href=\"")
				.append(HtmlUtils.htmlEscape(entry.href()))
				.append("\">")
				.append(shown)
				.append("</a></td><td>")
				.append((entry.size() != null) ? entry.size() : "")
				.append("</td><td>")
				.append(DATE.format(entry.lastModified()))
				.append("</td></tr>\n");
		}
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%1$s</title>
				<style>
				body { font-family: system-ui, sans-serif; margin: 2rem; }
				table { border-collapse: collapse; }
				th, td { text-align: left; padding: .2rem 1.2rem .2rem 0; }
				td:nth-child(2) { text-align: right; font-variant-numeric: tabular-nums; }
				</style>
				</head>
				<body>
				<h1>%1$s</h1>
				<table>
				<thead><tr><th>Name</th><th>Size (bytes)</th><th>Modified (UTC)</th></tr></thead>
				<tbody>
				%2$s</tbody>
				</table>
				</body>
				</html>
				""".formatted(title, rows);
	}

	/**
	 * One entry of a listing.
	 *
	 * @param name the file or folder name
	 * @param type {@code file} or {@code directory}
	 * @param size the size in bytes, {@code null} for a folder
	 * @param lastModified when it last changed
	 * @param href its link, relative to the folder
	 */
	record ListingEntry(@Schema(example = "notes.txt") String name, @Schema(allowableValues = {
			"file", "directory" }, example = "file") String type, @Schema(example = "1234") Long size,
			Instant lastModified, @Schema(example = "notes.txt") String href){

		static final String DIRECTORY = "directory";

		static ListingEntry of(PublicFolder.Entry entry) {
			String href = UriUtils.encodePathSegment(entry.name(), StandardCharsets.UTF_8);
			return entry.directory() ? new ListingEntry(entry.name(), DIRECTORY, null, entry.lastModified(), href + "/")
					: new ListingEntry(entry.name(), "file", entry.size(), entry.lastModified(), href);
		}

	}

}
