package dev.switchboard.gateway.requestid;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The request id of an exchange, as {@link RequestIdWebFilter} gave it.
 */
public final class RequestId {

	private static final String ATTRIBUTE = RequestId.class.getName();

	private RequestId() {
	}

	static void set(ServerWebExchange exchange, String requestId) {
		exchange.getAttributes().put(ATTRIBUTE, requestId);
	}

	/**
	 * The request id of an exchange.
	 * @param exchange the exchange
	 * @return its request id, or {@code null} before the request id filter has seen it
	 */
	public static @Nullable String of(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

}
