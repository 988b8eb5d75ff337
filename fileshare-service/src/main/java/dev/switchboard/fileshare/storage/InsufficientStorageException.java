package dev.switchboard.fileshare.storage;

/**
 * An upload refused for lack of room: over the total size all shares may take, past the
 * free space to keep on the disk, or the disk itself full.
 */
public class InsufficientStorageException extends RefusedUploadException {

	InsufficientStorageException(Reason reason, String detail) {
		super(reason.tag(), detail);
	}

	/**
	 * Why an upload found no room, as counted in metrics.
	 */
	public enum Reason {

		/** Over {@code switchboard.fileshare.max-total-size}. */
		MAX_TOTAL_SIZE("max-total-size"),

		/** Past {@code switchboard.fileshare.min-free-space}. */
		MIN_FREE_SPACE("min-free-space"),

		/** The disk itself is full (ENOSPC). */
		DISK_FULL("disk-full");

		private final String tag;

		Reason(String tag) {
			this.tag = tag;
		}

		/**
		 * Return the reason as a metric tag value.
		 * @return the tag value
		 */
		public String tag() {
			return this.tag;
		}

	}

}
