package dev.switchboard.service.requestid;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import dev.switchboard.requestid.RequestIds;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Carries the {@code X-Request-Id} header the gateway sets (or a new one when a client
 * calls the service directly) into the logs and back to the client. Which ids are kept
 * and how new ones are made is the suite's one rule, {@link RequestIds}.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The header carrying the request id. */
	public static final String HEADER = RequestIds.HEADER;

	/** The MDC key the log pattern prints. */
	public static final String MDC_KEY = "requestId";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = RequestIds.acceptOrGenerate(request.getHeader(HEADER));
		response.setHeader(HEADER, requestId);
		MDC.put(MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

}
