package dev.switchboard.random.echo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * Reads a request body, bounded, and turns it into what the echo shows: parsed JSON for a
 * JSON content type (invalid JSON is a 400 problem), form fields as a multi-map for
 * {@code application/x-www-form-urlencoded}, text otherwise, {@code null} when empty.
 */
class RequestBodyParser {

	private final JsonMapper json;

	private final long maxBodySize;

	RequestBodyParser(JsonMapper json, DataSize maxBodySize) {
		this.json = json;
		this.maxBodySize = maxBodySize.toBytes();
	}

	Object parse(HttpServletRequest request) throws IOException {
		byte[] body = read(request);
		if (body.length == 0) {
			return null;
		}
		MediaType type = mediaType(request.getContentType());
		Charset charset = (type.getCharset() != null) ? type.getCharset() : StandardCharsets.UTF_8;
		if (isJson(type)) {
			try {
				return this.json.readTree(body);
			}
			catch (JacksonException ex) {
				throw problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
						"The body is not valid JSON although its Content-Type is " + type + ": "
								+ abbreviate(ex.getOriginalMessage()) + ". Send it as text/plain to see it echoed.");
			}
		}
		String text = new String(body, charset);
		if (MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
			return QueryStrings.parse(text, charset);
		}
		return text;
	}

	private byte[] read(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBodySize) {
			throw tooLarge();
		}
		try (InputStream input = request.getInputStream()) {
			byte[] body = input.readNBytes((int) this.maxBodySize + 1);
			if (body.length > this.maxBodySize) {
				throw tooLarge();
			}
			return body;
		}
	}

	private ErrorResponseException tooLarge() {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
				"The request body is larger than the " + DataSize.ofBytes(this.maxBodySize).toBytes()
						+ " bytes the echo reads (" + RequestEchoProperties.MAX_BODY_SIZE + ").");
	}

	private static boolean isJson(MediaType type) {
		return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
				|| ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
	}

	private static MediaType mediaType(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return MediaType.TEXT_PLAIN;
		}
		try {
			return MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return MediaType.TEXT_PLAIN;
		}
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

	private static String abbreviate(String text) {
		return (text == null || text.length() <= 200) ? String.valueOf(text) : text.substring(0, 200) + "…";
	}

}
