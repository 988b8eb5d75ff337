package dev.switchboard.fileshare.share;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One file of a share, as clients see it.
 *
 * @param name its relative name, folders separated by {@code /}
 * @param size its size in bytes
 * @param sha256 its SHA-256, lowercase hex
 */
public record FileDetails(@Schema(example = "photos/été 2024.jpg") String name, @Schema(example = "1048576") long size,
		@Schema(example = "30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58") String sha256) {

	static List<FileDetails> of(Share share) {
		return share.getFiles()
			.stream()
			.map((file) -> new FileDetails(file.getName(), file.getSize(), file.getSha256()))
			.toList();
	}

}
