package dev.switchboard.fileshare.upload;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The form fields of an upload besides its files; {@code null} means "use the default".
 *
 * @param maxDownloads how many downloads the share allows (1 to 10,000; default 1)
 * @param expiresInSeconds how long the share lives (default and maximum configured)
 */
public record ShareOptions(@Min(1) @Max(10_000) Integer maxDownloads, @Min(1) Long expiresInSeconds) {

	/** Field holding the number of downloads allowed. */
	public static final String MAX_DOWNLOADS = "maxDownloads";

	/** Field holding the lifetime in seconds. */
	public static final String EXPIRES_IN_SECONDS = "expiresInSeconds";

}
