package dev.switchboard.fileshare.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.switchboard.fileshare.share.NotAllowedException;
import dev.switchboard.fileshare.share.Share;
import dev.switchboard.fileshare.share.ShareService;
import dev.switchboard.fileshare.share.SharedFile;
import dev.switchboard.fileshare.storage.FileStore;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Downloads, woof-style: {@code /s/{token}} (or {@code /s/{token}/{name}} with the
 * download's own name) sends the single file, or the files as one streamed zip. Every GET
 * that sends body bytes counts one download, atomically; HEAD and 304 never count.
 */
@RestController
@Tag(name = "downloads", description = "Download a share: its file, or its files as one zip")
class DownloadController {

	private static final Log log = LogFactory.getLog(DownloadController.class);

	private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

	private final ShareService shares;

	private final FileStore store;

	DownloadController(ShareService shares, FileStore store) {
		this.shares = shares;
		this.store = store;
	}

	@Operation(summary = "Download a share", description = """
			One file: its bytes, with `Content-Disposition: attachment` carrying its name, an ETag \
			(its SHA-256) and Range support. Several files: one streamed zip whose entries are the \
			uploaded relative paths. Each GET that sends bytes counts one download (ranged or not); \
			HEAD never counts. Example: `curl -OJ http://localhost:8080/s/q7aM1mYV0lWZ3ZaaF2HbvA`""")
	@ApiResponse(responseCode = "200", description = "The file or the zip",
			content = @Content(mediaType = "application/octet-stream",
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "206", description = "The requested range of the file",
			content = @Content(mediaType = "application/octet-stream",
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "304", description = "Not modified (If-None-Match matched); not counted")
	@ApiResponse(responseCode = "404", description = "No share has this token")
	@ApiResponse(responseCode = "410", description = "The share expired or has no downloads left")
	@ApiResponse(responseCode = "416", description = "The range lies outside the file")
	@GetMapping("/s/{token}")
	void download(
			@Parameter(description = "The share's token",
					example = "q7aM1mYV0lWZ3ZaaF2HbvA") @PathVariable String token,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		send(this.shares.find(token), request, response);
	}

	@Operation(summary = "Download a share under its name", description = """
			The same download, at a link ending with the download's name (the file's name, or the \
			zip's: the common top folder + `.zip`, else `files.zip`), as woof prints it. Any other \
			name is not allowed (403).""")
	@ApiResponse(responseCode = "200", description = "The file or the zip",
			content = @Content(mediaType = "application/octet-stream",
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "206", description = "The requested range of the file",
			content = @Content(mediaType = "application/octet-stream",
					schema = @Schema(type = "string", format = "binary")))
	@ApiResponse(responseCode = "403", description = "Not allowed: this is not the download's name")
	@ApiResponse(responseCode = "404", description = "No share has this token")
	@ApiResponse(responseCode = "410", description = "The share expired or has no downloads left")
	@ApiResponse(responseCode = "416", description = "The range lies outside the file")
	@GetMapping("/s/{token}/{name}")
	void downloadNamed(@Parameter(description = "The share's token") @PathVariable String token,
			@Parameter(description = "The download's name", example = "report.pdf") @PathVariable String name,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		Share share = this.shares.find(token);
		if (!share.getDownloadName().equals(name)) {
			throw new NotAllowedException("Not allowed: this share is not downloaded under that name.");
		}
		send(share, request, response);
	}

	private void send(Share share, HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.shares.requireAvailable(share);
		boolean head = "HEAD".equals(request.getMethod());
		try {
			if (share.isSingleFile()) {
				sendFile(share, request, response, head);
			}
			else {
				sendZip(share, response, head);
			}
		}
		catch (IOException ex) {
			if (!response.isCommitted()) {
				throw ex;
			}
			// The client went away mid-transfer: nothing left to answer
			log.debug("Download of a share stopped: " + ex.getMessage());
		}
	}

	private void sendFile(Share share, HttpServletRequest request, HttpServletResponse response, boolean head)
			throws IOException {
		SharedFile file = share.getFiles().getFirst();
		Path path = this.store.path(file.getStoredName());
		String etag = "\"" + file.getSha256() + "\"";
		if (new ServletWebRequest(request, response).checkNotModified(etag, share.getCreatedAt().toEpochMilli())) {
			return;
		}
		ByteRange range = FileSender.rangeOf(request, file.getSize(), etag, share.getCreatedAt());
		if (!head) {
			this.shares.countDownload(share);
		}
		attachment(response, share.getDownloadName(),
				MediaTypeFactory.getMediaType(file.getBaseName()).orElse(MediaType.APPLICATION_OCTET_STREAM));
		FileSender.writeHeaders(response, file.getSize(), range);
		if (!head) {
			long start = (range != null) ? range.start() : 0;
			long length = (range != null) ? range.length() : file.getSize();
			FileSender.transfer(request, response, path, start, length);
		}
	}

	private void sendZip(Share share, HttpServletResponse response, boolean head) throws IOException {
		if (head) {
			attachment(response, share.getDownloadName(), ZIP);
			response.setHeader(HttpHeaders.ACCEPT_RANGES, "none");
			return;
		}
		List<SharedFile> files = share.getFiles();
		// Every file is opened before counting, so that a purge cannot remove one mid-zip
		List<FileChannel> channels = new ArrayList<>(files.size());
		try {
			for (SharedFile file : files) {
				channels.add(FileChannel.open(this.store.path(file.getStoredName()), StandardOpenOption.READ));
			}
			this.shares.countDownload(share);
			attachment(response, share.getDownloadName(), ZIP);
			response.setHeader(HttpHeaders.ACCEPT_RANGES, "none");
			ZipStreamer.write(response.getOutputStream(), files, channels, share.getCreatedAt());
		}
		finally {
			for (FileChannel channel : channels) {
				channel.close();
			}
		}
	}

	// Shared content must never run in this site's origin: attachment, no sniffing,
	// sandbox
	private static void attachment(HttpServletResponse response, String name, MediaType type) {
		response.setContentType(type.toString());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Content-Security-Policy", "sandbox");
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
	}

}
