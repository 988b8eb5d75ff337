package dev.switchboard.fileshare.upload;

import java.util.List;

import dev.switchboard.fileshare.storage.FileStore.IncomingFile;

/**
 * A complete, checked upload: its files written to the incoming folder, and its options.
 *
 * @param files the files, in the order received
 * @param options the options given in the form
 */
public record ReceivedUpload(List<ReceivedFile> files, ShareOptions options) {

	/**
	 * One received file.
	 *
	 * @param name the checked relative name
	 * @param size its size in bytes
	 * @param sha256 its SHA-256 in lowercase hex
	 * @param crc32 its CRC-32
	 * @param incoming where it was written
	 */
	public record ReceivedFile(String name, long size, String sha256, long crc32, IncomingFile incoming) {
	}

}
