package dev.switchboard.random.echo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the HTTP request echo ({@code /api/echo/**}).
 *
 * @param maxBodySize Maximum size of a request body the echo reads; a larger one is
 * answered with 413.
 */
@ConfigurationProperties("switchboard.echo.http")
record RequestEchoProperties(@DefaultValue("1MB") DataSize maxBodySize) {

	RequestEchoProperties {
		if (maxBodySize.toBytes() < 0 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("switchboard.echo.http.max-body-size must be between 0 and 2GB");
		}
	}

}
