package dev.switchboard.service.requestid;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carries the {@code X-Request-Id} header the gateway sets (or a new one when a client
 * calls the service directly) into the logs and back to the client.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The header carrying the request id. */
	public static final String HEADER = "X-Request-Id";

	/** The MDC key the log pattern prints. */
	public static final String MDC_KEY = "requestId";

	// Printable and short, so a client cannot inject log lines or bloat every log entry
	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = request.getHeader(HEADER);
		if (requestId == null || !ACCEPTED.matcher(requestId).matches()) {
			requestId = newRequestId();
		}
		response.setHeader(HEADER, requestId);
		MDC.put(MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	/**
	 * A new request id: a random (version 4) UUID. A request id only correlates log
	 * lines, it guards nothing, so it is drawn from {@link ThreadLocalRandom}:
	 * UUID.randomUUID() reads the system's secure random source under a global lock, a
	 * measurable share of a small request's cost.
	 * @return the request id
	 */
	static String newRequestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
		return new UUID(high, low).toString();
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

}
