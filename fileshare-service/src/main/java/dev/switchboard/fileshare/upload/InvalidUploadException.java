package dev.switchboard.fileshare.upload;

import org.jspecify.annotations.Nullable;

/**
 * An upload the service refuses as malformed or unsafe: a bad file name, a bad option, a
 * broken multipart body.
 */
public class InvalidUploadException extends RuntimeException {

	private final @Nullable String field;

	private final @Nullable String fieldMessage;

	InvalidUploadException(String detail) {
		super(detail);
		this.field = null;
		this.fieldMessage = null;
	}

	InvalidUploadException(String field, String message) {
		super("Invalid '%s': %s.".formatted(field, message));
		this.field = field;
		this.fieldMessage = message;
	}

	/**
	 * Return the form field at fault, when one option of the upload is.
	 * @return the field's name, or {@code null} when the upload as a whole is invalid
	 */
	public @Nullable String getField() {
		return this.field;
	}

	/**
	 * Return what is wrong with the field at fault.
	 * @return the end of a sentence starting with the field's name ("must be a whole
	 * number"), or {@code null} when no field is at fault
	 */
	public @Nullable String getFieldMessage() {
		return this.fieldMessage;
	}

}
