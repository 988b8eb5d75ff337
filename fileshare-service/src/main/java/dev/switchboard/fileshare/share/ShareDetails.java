package dev.switchboard.fileshare.share;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What anyone holding the token may know about a share; never its delete token.
 *
 * @param token the share's token
 * @param url the absolute download link
 * @param name the download's name: the file's name, or the zip's
 * @param size the total size of the files, in bytes
 * @param files the files, in upload order
 * @param maxDownloads how many downloads the share allows
 * @param downloads how many were made
 * @param downloadsLeft how many are left
 * @param state whether it can be downloaded now
 * @param createdAt when it was uploaded
 * @param expiresAt when it expires
 */
public record ShareDetails(@Schema(example = "q7aM1mYV0lWZ3ZaaF2HbvA") String token,
		@Schema(example = "http://localhost:8080/s/q7aM1mYV0lWZ3ZaaF2HbvA") String url,
		@Schema(example = "été 2024.txt") String name, @Schema(example = "1048576") long size, List<FileDetails> files,
		@Schema(example = "1") int maxDownloads, @Schema(example = "0") int downloads,
		@Schema(example = "1") int downloadsLeft, @Schema(allowableValues = {
				"available", "exhausted", "expired" }, example = "available") String state,
		Instant createdAt, Instant expiresAt){

	static ShareDetails of(Share share, String url, Instant now) {
		return new ShareDetails(share.getToken(), url, share.getDownloadName(), share.getTotalSize(),
				FileDetails.of(share), share.getMaxDownloads(), share.getDownloads(), share.getDownloadsLeft(),
				share.stateAt(now).name().toLowerCase(Locale.ROOT), share.getCreatedAt(), share.getExpiresAt());
	}

}
