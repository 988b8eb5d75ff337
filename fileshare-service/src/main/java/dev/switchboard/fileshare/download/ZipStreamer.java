package dev.switchboard.fileshare.download;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.switchboard.fileshare.share.SharedFile;

/**
 * Writes the files of a share as one zip, streamed: entries are named exactly with the
 * uploaded relative paths (UTF-8) and STORED, with the CRC-32 computed at upload, so the
 * zip flows at disk speed and no file is read twice.
 */
final class ZipStreamer {

	private static final int BUFFER_SIZE = 64 * 1024;

	private ZipStreamer() {
	}

	/**
	 * Write the zip.
	 * @param out the response body
	 * @param files the files, in order
	 * @param channels the open files, in the same order
	 * @param time the modification time given to every entry
	 * @throws IOException if a read or write fails
	 */
	static void write(OutputStream out, List<SharedFile> files, List<FileChannel> channels, Instant time)
			throws IOException {
		ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, BUFFER_SIZE));
		FileTime modified = FileTime.from(time);
		for (int i = 0; i < files.size(); i++) {
			SharedFile file = files.get(i);
			ZipEntry entry = new ZipEntry(file.getName());
			entry.setMethod(ZipEntry.STORED);
			entry.setSize(file.getSize());
			entry.setCompressedSize(file.getSize());
			entry.setCrc(file.getCrc32());
			entry.setLastModifiedTime(modified);
			zip.putNextEntry(entry);
			FileSender.copy(channels.get(i), 0, file.getSize(), zip);
			zip.closeEntry();
		}
		zip.finish();
		zip.flush();
	}

}
