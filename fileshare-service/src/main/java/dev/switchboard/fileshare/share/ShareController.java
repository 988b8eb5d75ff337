package dev.switchboard.fileshare.share;

import java.io.IOException;
import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import dev.switchboard.fileshare.storage.RefusedUploadException;
import dev.switchboard.fileshare.upload.ShareUploadReader;
import dev.switchboard.fileshare.upload.UploadRefusals;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shares API: upload files to create a share, read its details, delete it.
 */
@RestController
@RequestMapping("/api/shares")
@Tag(name = "shares", description = "Share files woof-style: upload, get a link, limit its downloads")
class ShareController {

	static final String DELETE_TOKEN_HEADER = "X-Delete-Token";

	private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

	private final ShareUploadReader uploadReader;

	private final ShareService shares;

	private final UploadRefusals refusals;

	ShareController(ShareUploadReader uploadReader, ShareService shares, UploadRefusals refusals) {
		this.uploadReader = uploadReader;
		this.shares = shares;
		this.refusals = refusals;
	}

	@Operation(summary = "Upload files and create a share", description = """
			Streams the `file` parts to disk (a part's filename may be a relative path, \
			`photos/2024/a.jpg`, for a folder upload). Answers the download link and the delete \
			token, which is shown this once only. Example: \
			`curl -F file=@report.pdf -F maxDownloads=3 http://localhost:8080/api/shares`""",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
							schema = @Schema(implementation = UploadForm.class))))
	@ApiResponse(responseCode = "201", description = "Share created")
	@ApiResponse(responseCode = "400",
			description = "No file, a file name with '..', an absolute path, a backslash or a NUL, or an invalid option")
	@ApiResponse(responseCode = "413", description = "Over the size limit of a file or a share, or too many files")
	@ApiResponse(responseCode = "415", description = "The body is not multipart/form-data")
	@ApiResponse(responseCode = "507", description = """
			No room: the shares would take more than the service allows in all, the disk would \
			keep less free space than it must, or the disk is full. Nothing of the upload is kept.""")
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CreatedShare> create(HttpServletRequest request) throws IOException {
		ShareService.NewShare created;
		try {
			created = this.shares.create(this.uploadReader.read(request));
		}
		catch (RefusedUploadException ex) {
			this.refusals.count(ex);
			throw ex;
		}
		String token = created.share().getToken();
		return ResponseEntity.created(URI.create(ShareLinks.details(request, token)))
			.cacheControl(CacheControl.noStore())
			.body(CreatedShare.of(created, ShareLinks.download(request, token)));
	}

	@Operation(summary = "Get a share's details",
			description = "Names, sizes, checksums and downloads left. Never counts as a download and never shows the delete token.")
	@ApiResponse(responseCode = "200", description = "The share, whatever its state")
	@ApiResponse(responseCode = "404", description = "No share has this token")
	@GetMapping(path = "/{token}", produces = MediaType.APPLICATION_JSON_VALUE)
	ShareDetails get(@Parameter(description = "The share's token",
			example = "q7aM1mYV0lWZ3ZaaF2HbvA") @PathVariable String token, HttpServletRequest request) {
		Share share = this.shares.find(token);
		return ShareDetails.of(share, ShareLinks.download(request, token), this.shares.now());
	}

	@Operation(summary = "Delete a share and its files",
			description = "Needs the delete token given at upload, in the `X-Delete-Token` header.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "403", description = "Not allowed: the delete token is missing or wrong")
	@ApiResponse(responseCode = "404", description = "No share has this token")
	@DeleteMapping("/{token}")
	ResponseEntity<Void> delete(@Parameter(description = "The share's token") @PathVariable String token,
			@Parameter(description = "The delete token given at upload") @RequestHeader(name = DELETE_TOKEN_HEADER,
					required = false) String deleteToken) {
		this.shares.delete(token, deleteToken);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Get the QR code of a share's download link",
			description = "An SVG image encoding the same absolute link as `url`.")
	@ApiResponse(responseCode = "200", description = "The QR code",
			content = @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "404", description = "No share has this token")
	@GetMapping(path = "/{token}/qr", produces = "image/svg+xml")
	ResponseEntity<String> qrCode(@Parameter(description = "The share's token") @PathVariable String token,
			HttpServletRequest request) {
		Share share = this.shares.find(token);
		return ResponseEntity.ok()
			.contentType(SVG)
			.cacheControl(CacheControl.noStore())
			.body(QrCodeSvg.of(ShareLinks.download(request, share.getToken())));
	}

	/**
	 * The multipart form of an upload, for the OpenAPI document.
	 *
	 * @param file one or more files; a filename may be a relative path
	 * @param maxDownloads how many downloads the share allows (1 to 10,000; default 1)
	 * @param expiresInSeconds how long the share lives (default one day)
	 */
	record UploadForm(
			@ArraySchema(schema = @Schema(type = "string", format = "binary"), minItems = 1,
					arraySchema = @Schema(description = "The files; a filename may be a relative path")) String[] file,
			@Schema(description = "How many downloads the share allows", minimum = "1", maximum = "10000",
					defaultValue = "1") Integer maxDownloads,
			@Schema(description = "How long the share lives, in seconds", minimum = "1",
					defaultValue = "86400") Long expiresInSeconds) {
	}

}
