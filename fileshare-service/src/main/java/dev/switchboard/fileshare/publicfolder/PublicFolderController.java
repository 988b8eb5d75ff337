package dev.switchboard.fileshare.publicfolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.switchboard.fileshare.download.ByteRange;
import dev.switchboard.fileshare.download.FileSender;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * The course's {@code SimpleHTTPRequestHandler}: {@code /pub/} lists a read-only folder
 * (HTML, or JSON for {@code Accept: application/json}) and serves its files with their
 * MIME types.
 */
@RestController
@Tag(name = "public folder", description = "A read-only folder, listed and served like python3 -m http.server")
class PublicFolderController {

	private static final String PREFIX = "/pub/";

	private final PublicFolder folder;

	private final UrlPathHelper paths = new UrlPathHelper();

	PublicFolderController(PublicFolder folder) {
		this.folder = folder;
	}

	@Operation(summary = "List a folder or get a file of the public folder", description = """
			A folder (path ending with `/`) is listed as HTML, or as JSON when the client sends \
			`Accept: application/json`; a folder without its final `/` is redirected (301). A file \
			is served with its MIME type, ETag, Last-Modified and Range support.""")
	@ApiResponse(responseCode = "200", description = "The listing or the file",
			content = {
					@Content(mediaType = "application/json", schema = @Schema(implementation = DirectoryListing.class)),
					@Content(mediaType = "text/html", schema = @Schema(type = "string")) })
	@ApiResponse(responseCode = "301", description = "A folder asked without its final '/'")
	@ApiResponse(responseCode = "404", description = "No file or folder at this path in the public folder")
	@ApiResponse(responseCode = "416", description = "The range lies outside the file")
	@GetMapping("/pub/**")
	ResponseEntity<?> get(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = this.paths.getPathWithinApplication(request);
		String relative = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
		Path target = this.folder.resolve(relative);
		if (Files.isDirectory(target)) {
			if (!path.endsWith("/")) {
				// Relative, so that it also holds behind the gateway
				String raw = request.getRequestURI();
				return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
					.header(HttpHeaders.LOCATION, raw.substring(raw.lastIndexOf('/') + 1) + "/")
					.build();
			}
			return listing(PREFIX + relative, target, request);
		}
		if (relative.endsWith("/")) {
			throw new PublicFileNotFoundException(relative);
		}
		sendFile(target, request, response);
		return null;
	}

	private ResponseEntity<?> listing(String path, Path directory, HttpServletRequest request) throws IOException {
		List<PublicFolder.Entry> entries = this.folder.list(directory);
		DirectoryListing listing = DirectoryListing.of(path, entries);
		if (wantsJson(request.getHeader(HttpHeaders.ACCEPT))) {
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(listing);
		}
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(listing.toHtml());
	}

	// JSON only when asked for explicitly and preferred to HTML; browsers and curl get
	// HTML
	static boolean wantsJson(String accept) {
		if (accept == null) {
			return false;
		}
		double json = 0;
		double html = 0;
		try {
			for (MediaType type : MediaType.parseMediaTypes(accept)) {
				if (!type.isWildcardType() && !type.isWildcardSubtype()
						&& type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
					json = Math.max(json, type.getQualityValue());
				}
				else if (!type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML)) {
					html = Math.max(html, type.getQualityValue());
				}
			}
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return json > html;
	}

	private static void sendFile(Path file, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		long size = Files.size(file);
		Instant modified = Files.getLastModifiedTime(file).toInstant();
		String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.toEpochMilli()) + "\"";
		if (new ServletWebRequest(request, response).checkNotModified(etag, modified.toEpochMilli())) {
			return;
		}
		ByteRange range = FileSender.rangeOf(request, size, etag, modified);
		MediaType type = MediaTypeFactory.getMediaType(file.getFileName().toString())
			.orElse(MediaType.APPLICATION_OCTET_STREAM);
		response.setContentType(type.toString());
		// The folder's content is shown, never run in this site's origin
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Content-Security-Policy", "sandbox");
		FileSender.writeHeaders(response, size, range);
		if (!"HEAD".equals(request.getMethod())) {
			FileSender.transfer(request, response, file, (range != null) ? range.start() : 0,
					(range != null) ? range.length() : size);
		}
	}

}
