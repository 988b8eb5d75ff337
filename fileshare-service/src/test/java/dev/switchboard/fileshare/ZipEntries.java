package dev.switchboard.fileshare;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a downloaded zip back.
 */
public final class ZipEntries {

	private ZipEntries() {
	}

	/**
	 * Read every entry of a zip.
	 * @param zip the zip's bytes
	 * @return the entries' names and contents, in order
	 */
	public static Map<String, byte[]> unzip(byte[] zip) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

	/**
	 * Return the names of the entries of a zip.
	 * @param zip the zip's bytes
	 * @return the names, in order
	 */
	public static List<String> names(byte[] zip) {
		return List.copyOf(unzip(zip).keySet());
	}

}
