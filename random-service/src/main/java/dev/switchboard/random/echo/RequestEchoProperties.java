package dev.switchboard.random.echo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the HTTP request echo ({@code /api/echo/**}).
 *
 * @param maxBodySize Maximum size of a request body the echo reads; a larger one is
 * answered with 413.
 */
@ConfigurationProperties(RequestEchoProperties.PREFIX)
record RequestEchoProperties(@DefaultValue("1MB") DataSize maxBodySize) {

	static final String PREFIX = "switchboard.random.request-echo";

	static final String MAX_BODY_SIZE = PREFIX + ".max-body-size";

	/**
	 * The former name of {@link #MAX_BODY_SIZE}, still read for one release.
	 */
	static final String DEPRECATED_MAX_BODY_SIZE = "switchboard.echo.http.max-body-size";

	private static final Log logger = LogFactory.getLog(RequestEchoProperties.class);

	RequestEchoProperties {
		if (maxBodySize.toBytes() < 0 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException(MAX_BODY_SIZE + " must be between 0 and 2GB");
		}
	}

	/**
	 * These properties, or those of the former name when only it is set.
	 * @param environment where both names are looked up
	 * @return the properties in effect
	 */
	RequestEchoProperties orDeprecated(Environment environment) {
		Binder binder = Binder.get(environment);
		if (binder.bind(MAX_BODY_SIZE, DataSize.class).isBound()) {
			return this;
		}
		return binder.bind(DEPRECATED_MAX_BODY_SIZE, DataSize.class).map((size) -> {
			logger.warn(DEPRECATED_MAX_BODY_SIZE + " is deprecated: set " + MAX_BODY_SIZE + " instead");
			return new RequestEchoProperties(size);
		}).orElse(this);
	}

}
