package dev.switchboard.gateway.requestid;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code X-Request-Id} every request carries through the suite: the client's own when
 * it is short and printable, else a new one.
 */
public final class RequestIds {

	/** The header carrying the request id. */
	public static final String HEADER = "X-Request-Id";

	private static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

	// Printable and short, so a client cannot inject log lines or bloat every log entry
	// (the same rule as the services' RequestIdFilter)
	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private RequestIds() {
	}

	static String accept(@Nullable String candidate) {
		if (candidate != null && ACCEPTED.matcher(candidate).matches()) {
			return candidate;
		}
		return UUID.randomUUID().toString();
	}

	static void set(ServerWebExchange exchange, String requestId) {
		exchange.getAttributes().put(ATTRIBUTE, requestId);
	}

	/**
	 * The request id of an exchange, once the request id filter has seen it.
	 * @param exchange the exchange
	 * @return its request id or {@code null}
	 */
	public static @Nullable String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

}
