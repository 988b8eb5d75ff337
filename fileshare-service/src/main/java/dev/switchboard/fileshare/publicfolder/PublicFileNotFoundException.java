package dev.switchboard.fileshare.publicfolder;

/**
 * Nothing at this path of the public folder, or a path that would lead outside it, which
 * gets the same answer.
 */
public class PublicFileNotFoundException extends RuntimeException {

	PublicFileNotFoundException(String relative) {
		super("No file or folder at /pub/" + printable(relative) + " in the public folder.");
	}

	private static String printable(String path) {
		String shown = path.codePoints()
			.limit(200)
			.map((c) -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return (path.length() > 200) ? shown + "…" : shown;
	}

}
