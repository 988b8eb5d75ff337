package dev.switchboard.fileshare.publicfolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.switchboard.fileshare.system.FileshareProperties;

import org.springframework.stereotype.Component;

/**
 * The read-only public folder: resolves request paths to files inside it and lists its
 * folders. Nothing outside it is reachable: {@code ..} and {@code .} segments are
 * refused, and every path is resolved to its real path (symbolic links followed) and must
 * stay inside the folder's real path.
 */
@Component
class PublicFolder {

	private static final Log log = LogFactory.getLog(PublicFolder.class);

	private static final int MAX_ENTRIES = 10_000;

	private final Path root;

	PublicFolder(FileshareProperties properties) {
		this.root = properties.publicDir().toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the public folder " + this.root, ex);
		}
		log.info("Public folder: " + this.root);
	}

	/**
	 * Resolve a path relative to the folder.
	 * @param relative the decoded path after {@code /pub/}, folders separated by
	 * {@code /}, possibly empty or ending with {@code /}
	 * @return the real path of the file or folder
	 * @throws PublicFileNotFoundException if the path is refused, missing, or leads
	 * outside
	 */
	Path resolve(String relative) {
		String trimmed = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
		Path path = this.root;
		if (!trimmed.isEmpty()) {
			for (String segment : trimmed.split("/", -1)) {
				if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\\') >= 0
						|| segment.indexOf('\0') >= 0) {
					throw new PublicFileNotFoundException(relative);
				}
				path = path.resolve(segment);
			}
		}
		try {
			Path realRoot = this.root.toRealPath();
			Path real = path.toRealPath();
			if (!real.startsWith(realRoot)) {
				throw new PublicFileNotFoundException(relative);
			}
			return real;
		}
		catch (IOException ex) {
			throw new PublicFileNotFoundException(relative);
		}
	}

	/**
	 * List a folder, names sorted case-insensitively as Python's
	 * {@code SimpleHTTPRequestHandler} does, leaving out links that lead outside.
	 * @param folder the real path of a folder of the public folder
	 * @return its entries, at most 10,000
	 * @throws IOException if it cannot be read
	 */
	List<Entry> list(Path folder) throws IOException {
		Path realRoot = this.root.toRealPath();
		List<Entry> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
			for (Path child : stream) {
				Entry entry = entry(child, realRoot);
				if (entry != null) {
					entries.add(entry);
				}
				if (entries.size() >= MAX_ENTRIES) {
					break;
				}
			}
		}
		entries.sort(Comparator.comparing((Entry entry) -> entry.name().toLowerCase(Locale.ROOT))
			.thenComparing(Entry::name));
		return entries;
	}

	private static Entry entry(Path child, Path realRoot) {
		try {
			Path real = child.toRealPath();
			if (!real.startsWith(realRoot)) {
				return null;
			}
			BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
			return new Entry(child.getFileName().toString(), attributes.isDirectory(),
					attributes.isDirectory() ? 0 : attributes.size(), attributes.lastModifiedTime().toInstant());
		}
		catch (IOException ex) {
			// A broken link, or a file removed while listing
			return null;
		}
	}

	/**
	 * One entry of a folder.
	 *
	 * @param name its name
	 * @param directory whether it is a folder
	 * @param size its size in bytes (0 for a folder)
	 * @param lastModified when it last changed
	 */
	record Entry(String name, boolean directory, long size, Instant lastModified) {
	}

}
