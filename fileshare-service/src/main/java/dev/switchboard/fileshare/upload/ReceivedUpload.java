package dev.switchboard.fileshare.upload;

import java.util.List;

import dev.switchboard.fileshare.storage.FileStore.IncomingFile;
import dev.switchboard.fileshare.storage.StorageQuota.Reservation;

/**
 * A complete, checked upload: its files written to the incoming folder, its options, and
 * the room reserved for it until its share is stored.
 *
 * @param files the files, in the order received
 * @param options the options given in the form
 * @param reservation the room held for the files
 */
public record ReceivedUpload(List<ReceivedFile> files, ShareOptions options, Reservation reservation) {

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
