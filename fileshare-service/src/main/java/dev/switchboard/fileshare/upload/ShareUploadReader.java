package dev.switchboard.fileshare.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import dev.switchboard.fileshare.storage.FileStore;
import dev.switchboard.fileshare.storage.FileStore.IncomingFile;
import dev.switchboard.fileshare.storage.InsufficientStorageException;
import dev.switchboard.fileshare.storage.StorageQuota;
import dev.switchboard.fileshare.storage.StorageQuota.Reservation;
import dev.switchboard.fileshare.system.FileshareProperties;
import dev.switchboard.fileshare.upload.ReceivedUpload.ReceivedFile;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Reads a {@code multipart/form-data} upload part by part, straight from the request
 * body: each file streams to disk through a 64 KiB buffer while its SHA-256 and CRC-32
 * are computed, so memory stays flat whatever the size. Names, options, size limits and
 * the room left (declared length first, then as bytes arrive) are checked as the parts
 * arrive; on any failure the files written so far are deleted and the room reserved is
 * given back.
 */
@Component
public class ShareUploadReader {

	/** The form field of the files. */
	public static final String FILE_FIELD = "file";

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final int MAX_PART_HEADER_SIZE = 16 * 1024;

	private static final int MAX_FIELD_SIZE = 64;

	// Part headers and boundaries around each file, allowed on top of the file bytes
	private static final long OVERHEAD_PER_FILE = 4 * 1024;

	// At most this much over the share limit is read before a 413;
	// server.tomcat.max-swallow-size
	// is larger, so that the client reads the answer before the connection closes
	private static final long MAX_OVERHEAD = 4 * 1024 * 1024;

	private final FileStore store;

	private final StorageQuota quota;

	private final FileshareProperties properties;

	private final Validator validator;

	public ShareUploadReader(FileStore store, StorageQuota quota, FileshareProperties properties, Validator validator) {
		this.store = store;
		this.quota = quota;
		this.properties = properties;
		this.validator = validator;
	}

	/**
	 * Read an upload.
	 * @param request the request whose body is {@code multipart/form-data}
	 * @return the received files and options
	 * @throws IOException if the request cannot be read or a file cannot be written
	 * @throws InvalidUploadException if a name, an option or the body is invalid
	 * @throws UploadTooLargeException if a limit is exceeded
	 * @throws InsufficientStorageException if there is no room for the upload
	 */
	public ReceivedUpload read(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		checkDeclaredLength(declared);
		String boundary = MultipartReader.boundary(request.getContentType());
		if (boundary == null) {
			throw new InvalidUploadException("The multipart content type has no boundary.");
		}
		// The files cannot be larger than the body, nor than a share: that much room is
		// reserved before the body is read; an upload of unknown length reserves as it
		// goes
		Upload upload = new Upload(
				this.quota.reserve(Math.max(0, Math.min(declared, this.properties.maxShareSize().toBytes()))));
		try {
			MultipartReader input = new MultipartReader(request.getInputStream(), boundary, BUFFER_SIZE,
					MAX_PART_HEADER_SIZE);
			String headers;
			while ((headers = input.nextPart()) != null) {
				readPart(PartDisposition.of(headers), new PartInputStream(input), upload);
			}
			if (upload.files.isEmpty()) {
				throw new InvalidUploadException(
						"The upload has no file: send one or more parts named 'file', each with a filename.");
			}
			return new ReceivedUpload(List.copyOf(upload.files),
					new ShareOptions(upload.maxDownloads, upload.expiresInSeconds), upload.reservation);
		}
		catch (IOException | RuntimeException ex) {
			upload.discard();
			throw ex;
		}
	}

	private void checkDeclaredLength(long contentLength) {
		long limit = this.properties.maxShareSize().toBytes()
				+ Math.min(MAX_OVERHEAD, 64 * 1024 + this.properties.maxFiles() * OVERHEAD_PER_FILE);
		if (contentLength > limit) {
			throw new UploadTooLargeException("max-share-size",
					"The upload (%s bytes) is larger than the %s a share may hold.".formatted(contentLength,
							describe(this.properties.maxShareSize())));
		}
	}

	private void readPart(PartDisposition disposition, InputStream body, Upload upload) throws IOException {
		String field = disposition.name();
		String fileName = disposition.filename();
		if (FILE_FIELD.equals(field)) {
			if (fileName == null) {
				throw new InvalidUploadException("The 'file' part must be a file upload, with a filename.");
			}
			upload.files.add(receive(upload, FileNames.check(fileName, this.properties.maxNameLength()), body));
		}
		else if (ShareOptions.MAX_DOWNLOADS.equals(field) && fileName == null) {
			upload.maxDownloads = (int) parseOption(field, body, true);
		}
		else if (ShareOptions.EXPIRES_IN_SECONDS.equals(field) && fileName == null) {
			long seconds = parseOption(field, body, false);
			long max = this.properties.maxExpiry().toSeconds();
			if (seconds > max) {
				throw new InvalidUploadException(field,
						"must be at most " + max + " (" + describe(this.properties.maxExpiry()) + ")");
			}
			upload.expiresInSeconds = seconds;
		}
		else {
			throw new InvalidUploadException("Unexpected part '%s': send 'file' parts and optionally '%s' and '%s'."
				.formatted(field, ShareOptions.MAX_DOWNLOADS, ShareOptions.EXPIRES_IN_SECONDS));
		}
	}

	private long parseOption(String field, InputStream body, boolean integer) throws IOException {
		byte[] bytes = body.readNBytes(MAX_FIELD_SIZE + 1);
		String text = new String(bytes, StandardCharsets.UTF_8).strip();
		if (bytes.length > MAX_FIELD_SIZE || !text.matches("[-+]?[0-9]{1,18}")) {
			throw new InvalidUploadException(field, "must be a whole number");
		}
		long value = Long.parseLong(text);
		// Out of range either way: clamped so that the message states the bound
		Object checked = integer ? (Object) (int) Math.clamp(value, Integer.MIN_VALUE, Integer.MAX_VALUE) : value;
		Set<ConstraintViolation<ShareOptions>> violations = this.validator.validateValue(ShareOptions.class, field,
				checked);
		if (!violations.isEmpty()) {
			throw new ConstraintViolationException(violations);
		}
		return value;
	}

	private ReceivedFile receive(Upload upload, String name, InputStream body) throws IOException {
		if (upload.files.size() >= this.properties.maxFiles()) {
			throw new UploadTooLargeException("max-files",
					"A share holds at most %d files.".formatted(this.properties.maxFiles()));
		}
		upload.claim(name);
		IncomingFile incoming = createIncoming();
		upload.incoming.add(incoming);
		long maxFile = this.properties.maxFileSize().toBytes();
		long maxShare = this.properties.maxShareSize().toBytes();
		MessageDigest sha256 = sha256();
		CRC32 crc32 = new CRC32();
		byte[] buffer = new byte[BUFFER_SIZE];
		ByteBuffer wrapped = ByteBuffer.wrap(buffer);
		long size = 0;
		try (FileChannel out = FileChannel.open(incoming.path(), StandardOpenOption.WRITE)) {
			int read;
			while ((read = body.read(buffer)) != -1) {
				size += read;
				upload.total += read;
				if (size > maxFile) {
					throw new UploadTooLargeException("max-file-size",
							"The file '%s' is larger than the %s a file may be.".formatted(name,
									describe(this.properties.maxFileSize())));
				}
				if (upload.total > maxShare) {
					throw new UploadTooLargeException("max-share-size",
							"The files are larger than the %s a share may hold."
								.formatted(describe(this.properties.maxShareSize())));
				}
				upload.reservation.accept(read);
				sha256.update(buffer, 0, read);
				crc32.update(buffer, 0, read);
				wrapped.clear().limit(read);
				write(out, wrapped);
			}
			// on disk before the share is acknowledged (201): a crash right after loses
			// nothing
			force(out);
		}
		return new ReceivedFile(name, size, HexFormat.of().formatHex(sha256.digest()), crc32.getValue(), incoming);
	}

	private IncomingFile createIncoming() throws IOException {
		try {
			return this.store.createIncoming();
		}
		catch (IOException ex) {
			this.store.failIfDiskFull(ex);
			throw ex;
		}
	}

	private void write(FileChannel out, ByteBuffer bytes) throws IOException {
		try {
			while (bytes.hasRemaining()) {
				out.write(bytes);
			}
		}
		catch (IOException ex) {
			this.store.failIfDiskFull(ex);
			throw ex;
		}
	}

	private void force(FileChannel out) throws IOException {
		try {
			out.force(false);
		}
		catch (IOException ex) {
			this.store.failIfDiskFull(ex);
			throw ex;
		}
	}

	private static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % (1024L * 1024 * 1024) == 0) {
			return (bytes / (1024L * 1024 * 1024)) + " GiB";
		}
		if (bytes % (1024L * 1024) == 0) {
			return (bytes / (1024L * 1024)) + " MiB";
		}
		return bytes + " bytes";
	}

	private static String describe(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds % 86400 == 0) {
			return plural(seconds / 86400, "day");
		}
		if (seconds % 3600 == 0) {
			return plural(seconds / 3600, "hour");
		}
		if (seconds % 60 == 0) {
			return plural(seconds / 60, "minute");
		}
		return plural(seconds, "second");
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	/**
	 * The content of the current part, as a stream.
	 */
	private static final class PartInputStream extends InputStream {

		private final MultipartReader reader;

		PartInputStream(MultipartReader reader) {
			this.reader = reader;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (this.reader.read(one, 0, 1) == -1) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] target, int offset, int length) throws IOException {
			return this.reader.read(target, offset, length);
		}

	}

	/**
	 * What has been received so far.
	 */
	private final class Upload {

		private final Reservation reservation;

		private final List<ReceivedFile> files = new ArrayList<>();

		private final List<IncomingFile> incoming = new ArrayList<>();

		private final Set<String> names = new HashSet<>();

		private final Set<String> folders = new HashSet<>();

		private long total;

		private Integer maxDownloads;

		private Long expiresInSeconds;

		Upload(Reservation reservation) {
			this.reservation = reservation;
		}

		// Two files with one name, or a file where another name has a folder, would
		// collide when the zip is extracted
		void claim(String name) {
			if (this.names.contains(name) || this.folders.contains(name)) {
				throw new InvalidUploadException("The upload has the name '%s' twice.".formatted(name));
			}
			for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
				String folder = name.substring(0, slash);
				if (this.names.contains(folder)) {
					throw new InvalidUploadException(
							"The upload has '%s' both as a file and as a folder.".formatted(folder));
				}
				this.folders.add(folder);
			}
			this.names.add(name);
		}

		void discard() {
			this.incoming.forEach(ShareUploadReader.this.store::discard);
			this.reservation.release();
		}

	}

}
