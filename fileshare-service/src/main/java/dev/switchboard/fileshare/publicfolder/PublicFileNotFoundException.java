package dev.switchboard.fileshare.publicfolder;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Nothing at this path of the public folder (404), or a path that would lead outside it,
 * which gets the same answer.
 */
class PublicFileNotFoundException extends ErrorResponseException {

	PublicFileNotFoundException(String relative) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No file or folder at /pub/" + printable(relative) + " in the public folder."), null);
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
