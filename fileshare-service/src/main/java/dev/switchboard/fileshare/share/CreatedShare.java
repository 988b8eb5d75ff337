package dev.switchboard.fileshare.share;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to an upload: the link to give, and the delete token, shown this once only.
 *
 * @param token the share's token
 * @param url the absolute download link, as the client reached the service (through the
 * gateway: the gateway's origin)
 * @param deleteToken the token that deletes the share (header {@code X-Delete-Token});
 * never shown again
 * @param name the download's name: the file's name, or the zip's
 * @param size the total size of the files, in bytes
 * @param files the files, in upload order
 * @param maxDownloads how many downloads the share allows
 * @param downloads how many were made (0)
 * @param createdAt when it was uploaded
 * @param expiresAt when it expires
 */
public record CreatedShare(@Schema(example = "q7aM1mYV0lWZ3ZaaF2HbvA") String token,
		@Schema(example = "http://localhost:8080/s/q7aM1mYV0lWZ3ZaaF2HbvA") String url,
		@Schema(example = "Qm9xz5tG8vJ2rN1yX7cL0aD4eF6hK3pS9uW2iO5bT8g") String deleteToken,
		@Schema(example = "été 2024.txt") String name, @Schema(example = "1048576") long size, List<FileDetails> files,
		@Schema(example = "1") int maxDownloads, @Schema(example = "0") int downloads, Instant createdAt,
		Instant expiresAt) {

	static CreatedShare of(ShareService.NewShare created, String url) {
		Share share = created.share();
		return new CreatedShare(share.getToken(), url, created.deleteToken(), share.getDownloadName(),
				share.getTotalSize(), FileDetails.of(share), share.getMaxDownloads(), share.getDownloads(),
				share.getCreatedAt(), share.getExpiresAt());
	}

}
