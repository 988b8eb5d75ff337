package dev.switchboard.fileshare.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.switchboard.fileshare.storage.InsufficientStorageException.Reason;
import dev.switchboard.fileshare.system.FileshareProperties;

import org.springframework.stereotype.Component;

/**
 * The shared files on disk. Uploads are written to {@code incoming/} and moved to
 * {@code files/} once complete; every file is named by the service (32 random hex
 * digits), never by a client, so no client-supplied name ever reaches the file system. It
 * also tells a full disk from other write failures.
 */
@Component
public class FileStore {

	private static final Log log = LogFactory.getLog(FileStore.class);

	private static final Pattern STORED_NAME = Pattern.compile("[0-9a-f]{32}");

	private static final String PART_SUFFIX = ".part";

	// The messages of ENOSPC and EDQUOT (strerror in the C locale)
	private static final List<String> OUT_OF_SPACE_MESSAGES = List.of("No space left on device", "Disk quota exceeded");

	// Less usable space than this after a failed write means the write failed for want of
	// room, whatever the message says (strerror may be translated)
	private static final long NEARLY_FULL = 1024 * 1024;

	private final SecureRandom random = new SecureRandom();

	private final Path files;

	private final Path incoming;

	private final java.nio.file.FileStore disk;

	public FileStore(FileshareProperties properties) {
		Path root = properties.dataDir().toAbsolutePath().normalize();
		this.files = root.resolve("files");
		this.incoming = root.resolve("incoming");
		try {
			Files.createDirectories(this.files);
			Files.createDirectories(this.incoming);
			this.disk = Files.getFileStore(this.files);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + root, ex);
		}
		log.info("Shared files are stored in " + root);
	}

	/**
	 * Create a new, empty file for an upload in progress.
	 * @return the incoming file
	 * @throws IOException if it cannot be created
	 */
	public IncomingFile createIncoming() throws IOException {
		for (int attempt = 0; attempt < 3; attempt++) {
			String name = newName();
			try {
				return new IncomingFile(name, Files.createFile(this.incoming.resolve(name + PART_SUFFIX)));
			}
			catch (FileAlreadyExistsException ex) {
				// 128 random bits collided: try another name
			}
		}
		throw new IOException("Cannot create a unique incoming file in " + this.incoming);
	}

	/**
	 * Move a complete upload to the stored files.
	 * @param file the incoming file
	 * @return the name it is stored under
	 * @throws IOException if it cannot be moved
	 */
	public String commit(IncomingFile file) throws IOException {
		Files.move(file.path(), this.files.resolve(file.storedName()), StandardCopyOption.ATOMIC_MOVE);
		// the new directory entry is durable too, before the share is acknowledged
		try (FileChannel directory = FileChannel.open(this.files, StandardOpenOption.READ)) {
			directory.force(true);
		}
		return file.storedName();
	}

	/**
	 * Delete an incoming file, quietly.
	 * @param file the incoming file
	 */
	public void discard(IncomingFile file) {
		deleteQuietly(file.path());
	}

	/**
	 * Return the path of a stored file.
	 * @param storedName the name the service gave it
	 * @return its path
	 */
	public Path path(String storedName) {
		if (!STORED_NAME.matcher(storedName).matches()) {
			throw new IllegalArgumentException("Not a stored file name: " + storedName);
		}
		return this.files.resolve(storedName);
	}

	/**
	 * Delete a stored file if it exists.
	 * @param storedName the name the service gave it
	 */
	public void delete(String storedName) {
		deleteQuietly(path(storedName));
	}

	/**
	 * Delete incoming files left by uploads that stopped (a crash, a lost connection) and
	 * were not written to since the cutoff.
	 * @param cutoff files last modified before this instant are deleted
	 * @return how many were deleted
	 */
	public int sweepIncoming(Instant cutoff) {
		int deleted = 0;
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(this.incoming, "*" + PART_SUFFIX)) {
			for (Path path : stream) {
				if (Files.getLastModifiedTime(path).toInstant().isBefore(cutoff) && deleteQuietly(path)) {
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			log.warn("Cannot sweep " + this.incoming + ": " + ex.getMessage());
		}
		return deleted;
	}

	/**
	 * Return how many bytes may still be written on the disk of the data directory.
	 * @return the usable space, in bytes
	 * @throws UncheckedIOException if the disk cannot tell
	 */
	public long usableSpace() {
		try {
			return this.disk.getUsableSpace();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the free space of " + this.files, ex);
		}
	}

	/**
	 * Refuse the upload with 507 when a failure to write into the data directory means
	 * that the disk is full (ENOSPC, or a quota exceeded); other failures are left to the
	 * caller.
	 * @param failure the failure to write
	 * @throws InsufficientStorageException if the disk is full
	 */
	public void failIfDiskFull(IOException failure) {
		if (isOutOfSpace(failure)) {
			log.warn("The disk of " + this.files + " is full: " + failure.getMessage());
			throw new InsufficientStorageException(Reason.DISK_FULL,
					"The disk of the file store is full: the upload was not kept. Try again later, or upload less.");
		}
	}

	private boolean isOutOfSpace(IOException failure) {
		String message = failure.getMessage();
		if (message != null && OUT_OF_SPACE_MESSAGES.stream().anyMatch(message::contains)) {
			return true;
		}
		try {
			return this.disk.getUsableSpace() < NEARLY_FULL;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String newName() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static boolean deleteQuietly(Path path) {
		try {
			return Files.deleteIfExists(path);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			log.warn("Cannot delete " + path + ": " + ex.getMessage());
			return false;
		}
	}

	/**
	 * A file being uploaded.
	 *
	 * @param storedName the name it will be stored under
	 * @param path where it is written
	 */
	public record IncomingFile(String storedName, Path path) {
	}

}
