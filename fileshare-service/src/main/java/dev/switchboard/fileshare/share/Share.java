package dev.switchboard.fileshare.share;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * A set of uploaded files reachable through a random token, downloadable a limited number
 * of times until it expires.
 */
@Entity
@Table(name = "shares")
public class Share {

	/** Name of the zip of a share whose files have no common top folder. */
	public static final String DEFAULT_ZIP_NAME = "files.zip";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String token;

	private String deleteTokenHash;

	private int maxDownloads;

	private int downloads;

	private long totalSize;

	private Instant createdAt;

	private Instant expiresAt;

	private Instant lastDownloadAt;

	private Instant purgedAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "share_files", joinColumns = @JoinColumn(name = "share_id"))
	@OrderColumn(name = "position")
	private List<SharedFile> files = new ArrayList<>();

	protected Share() {
	}

	public Share(String token, String deleteTokenHash, int maxDownloads, Instant createdAt, Instant expiresAt,
			List<SharedFile> files) {
		this.token = token;
		this.deleteTokenHash = deleteTokenHash;
		this.maxDownloads = maxDownloads;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
		this.files = new ArrayList<>(files);
		this.totalSize = files.stream().mapToLong(SharedFile::getSize).sum();
	}

	public Long getId() {
		return this.id;
	}

	public String getToken() {
		return this.token;
	}

	public String getDeleteTokenHash() {
		return this.deleteTokenHash;
	}

	public int getMaxDownloads() {
		return this.maxDownloads;
	}

	public int getDownloads() {
		return this.downloads;
	}

	public long getTotalSize() {
		return this.totalSize;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getExpiresAt() {
		return this.expiresAt;
	}

	public Instant getPurgedAt() {
		return this.purgedAt;
	}

	public List<SharedFile> getFiles() {
		return List.copyOf(this.files);
	}

	/**
	 * Whether the share is downloaded as the single file itself rather than as a zip.
	 * @return {@code true} for a share of exactly one file
	 */
	public boolean isSingleFile() {
		return this.files.size() == 1;
	}

	/**
	 * Return the name a download of this share carries: the file's own name, or for
	 * several files a zip named after their common top folder ({@code photos.zip}), else
	 * {@value #DEFAULT_ZIP_NAME}.
	 * @return the download name
	 */
	public String getDownloadName() {
		if (isSingleFile()) {
			return this.files.getFirst().getBaseName();
		}
		String top = null;
		for (SharedFile file : this.files) {
			int slash = file.getName().indexOf('/');
			if (slash < 0) {
				return DEFAULT_ZIP_NAME;
			}
			String folder = file.getName().substring(0, slash);
			if (top != null && !top.equals(folder)) {
				return DEFAULT_ZIP_NAME;
			}
			top = folder;
		}
		return top + ".zip";
	}

	/**
	 * Return how many downloads are left.
	 * @return the downloads left, never negative
	 */
	public int getDownloadsLeft() {
		return Math.max(0, this.maxDownloads - this.downloads);
	}

	/**
	 * Return whether the share can be downloaded at the given time.
	 * @param now the time to check
	 * @return the state at that time
	 */
	public ShareState stateAt(Instant now) {
		if (!now.isBefore(this.expiresAt)) {
			return ShareState.EXPIRED;
		}
		if (this.downloads >= this.maxDownloads || this.purgedAt != null) {
			return ShareState.EXHAUSTED;
		}
		return ShareState.AVAILABLE;
	}

}
