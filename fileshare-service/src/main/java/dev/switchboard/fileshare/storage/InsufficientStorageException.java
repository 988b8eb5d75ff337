package dev.switchboard.fileshare.storage;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An upload refused for lack of room (507): over the total size all shares may take, past
 * the free space to keep on the disk, or the disk itself full. Nothing of the upload is
 * kept, and the connection is closed after the answer, so that the rest of the body is
 * not read for nothing.
 */
public class InsufficientStorageException extends ErrorResponseException {

	private final Reason reason;

	InsufficientStorageException(Reason reason, String detail) {
		super(HttpStatus.INSUFFICIENT_STORAGE, problem(detail), null);
		this.reason = reason;
		getHeaders().set(HttpHeaders.CONNECTION, "close");
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE, detail);
		problem.setTitle("Insufficient storage");
		return problem;
	}

	/**
	 * Return why the upload was refused.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
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
