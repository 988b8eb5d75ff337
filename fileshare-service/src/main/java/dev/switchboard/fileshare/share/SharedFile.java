package dev.switchboard.fileshare.share;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One file of a share: the relative name the client gave, its size and checksums, and the
 * name the service stored it under.
 */
@Embeddable
public class SharedFile {

	@Column(name = "name")
	private String name;

	@Column(name = "size")
	private long size;

	@Column(name = "sha256")
	private String sha256;

	@Column(name = "crc32")
	private long crc32;

	@Column(name = "stored_name")
	private String storedName;

	protected SharedFile() {
	}

	public SharedFile(String name, long size, String sha256, long crc32, String storedName) {
		this.name = name;
		this.size = size;
		this.sha256 = sha256;
		this.crc32 = crc32;
		this.storedName = storedName;
	}

	/**
	 * Return the relative name given by the client, with {@code /} between folders.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the last segment of the name: the name of the file itself.
	 * @return the base name
	 */
	public String getBaseName() {
		return this.name.substring(this.name.lastIndexOf('/') + 1);
	}

	public long getSize() {
		return this.size;
	}

	public String getSha256() {
		return this.sha256;
	}

	public long getCrc32() {
		return this.crc32;
	}

	public String getStoredName() {
		return this.storedName;
	}

}
