package dev.switchboard.e2e.configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code switchboard.*} properties documented in the tables of a README's
 * "Configuration" section. A row's first cell names them in backquotes:
 * <ul>
 * <li>{@code switchboard.random.{max-count,max-bytes}} names two properties, whose
 * defaults the second cell lists in the same order, separated by commas or slashes;</li>
 * <li>{@code switchboard.socket.servers.<name>.port} names an entry of a map, whatever
 * the placeholder's word;</li>
 * <li>{@code ….address} continues the last full name: its last segment is replaced.</li>
 * </ul>
 * Other backquoted words (environment variables, Boot's own properties) are left out.
 */
final class ReadmeConfigurationTable {

	private static final String SECTION = "## Configuration";

	private static final String CONTINUATION = "\u2026.";

	private static final Pattern CODE = Pattern.compile("`([^`]*)`");

	private static final Pattern BRACES = Pattern.compile("\\{([^}]*)}");

	private static final Pattern PLACEHOLDER = Pattern.compile("<[^>.]+>");

	private ReadmeConfigurationTable() {
	}

	/**
	 * Read the configuration tables of a README.
	 * @param readme the README
	 * @return every {@code switchboard.*} property its "Configuration" section documents
	 * @throws IllegalStateException when the README has no such section or no table in it
	 */
	static List<DocumentedProperty> read(Path readme) throws IOException {
		List<String> rows = rows(section(Files.readAllLines(readme), readme));
		if (rows.isEmpty()) {
			throw new IllegalStateException(readme + " has no table in its " + SECTION + " section");
		}
		List<DocumentedProperty> properties = new ArrayList<>();
		String base = null;
		for (String row : rows) {
			List<String> cells = cells(row);
			List<String> names = new ArrayList<>();
			for (String code : codes(cells.get(0))) {
				if (code.startsWith("switchboard.")) {
					List<String> expanded = expand(normalize(code));
					base = expanded.get(0).substring(0, expanded.get(0).lastIndexOf('.'));
					names.addAll(expanded);
				}
				else if (code.startsWith(CONTINUATION) && base != null) {
					names.addAll(expand(normalize(base + "." + code.substring(CONTINUATION.length()))));
				}
			}
			List<String> defaults = defaults((cells.size() > 1) ? cells.get(1) : "", names.size());
			for (int i = 0; i < names.size(); i++) {
				properties.add(new DocumentedProperty(names.get(i), (defaults != null) ? defaults.get(i) : null, row));
			}
		}
		return properties;
	}

	private static List<String> section(List<String> lines, Path readme) {
		int start = lines.indexOf(SECTION);
		if (start < 0) {
			throw new IllegalStateException(readme + " has no '" + SECTION + "' section");
		}
		int end = start + 1;
		while (end < lines.size() && !lines.get(end).startsWith("## ")) {
			end++;
		}
		return lines.subList(start + 1, end);
	}

	/** The body rows of the section's tables: neither headers nor separators. */
	private static List<String> rows(List<String> lines) {
		List<String> rows = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			boolean header = i + 1 < lines.size() && isSeparator(lines.get(i + 1).strip());
			if (line.startsWith("|") && !header && !isSeparator(line)) {
				rows.add(line);
			}
		}
		return rows;
	}

	private static boolean isSeparator(String line) {
		return line.startsWith("|") && line.replaceAll("[|:\\-\\s]", "").isEmpty();
	}

	/** The cells of a row; a {@code |} between backquotes does not separate cells. */
	static List<String> cells(String row) {
		return split(row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length()), "|");
	}

	private static List<String> codes(String cell) {
		List<String> codes = new ArrayList<>();
		Matcher matcher = CODE.matcher(cell);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}

	static String normalize(String name) {
		return PLACEHOLDER.matcher(name).replaceAll("<name>");
	}

	/** {@code a.{b,c}.d} → {@code a.b.d}, {@code a.c.d}. */
	static List<String> expand(String name) {
		Matcher matcher = BRACES.matcher(name);
		if (!matcher.find()) {
			return List.of(name);
		}
		List<String> names = new ArrayList<>();
		for (String choice : matcher.group(1).split(",")) {
			names.addAll(expand(name.substring(0, matcher.start()) + choice.strip() + name.substring(matcher.end())));
		}
		return names;
	}

	/**
	 * The defaults of a row naming {@code count} properties: the whole cell for one, else
	 * its parts between commas or slashes (outside backquotes).
	 * @return the defaults, or {@code null} when the cell does not hold one per property
	 */
	static List<String> defaults(String cell, int count) {
		if (count <= 1) {
			return List.of(cell.strip());
		}
		List<String> parts = split(cell, ",/");
		return (parts.size() == count) ? parts.stream().map(String::strip).toList() : null;
	}

	/** Parts of a text between separators; separators between backquotes do not count. */
	static List<String> split(String text, String separators) {
		List<String> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		boolean code = false;
		for (char c : text.toCharArray()) {
			if (c == '`') {
				code = !code;
			}
			if (!code && separators.indexOf(c) >= 0) {
				parts.add(part.toString().strip());
				part.setLength(0);
			}
			else {
				part.append(c);
			}
		}
		parts.add(part.toString().strip());
		return parts;
	}

}
