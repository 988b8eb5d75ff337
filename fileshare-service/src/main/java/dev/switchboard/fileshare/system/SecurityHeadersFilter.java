package dev.switchboard.fileshare.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep shared content inert and share links private: no MIME sniffing
 * anywhere, no referrer (download links hold tokens), and a strict content security
 * policy on the service's own pages, which load only their own scripts and styles.
 */
@Component
class SecurityHeadersFilter extends OncePerRequestFilter {

	private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		if (request.getRequestURI().startsWith("/share/")) {
			response.setHeader("Content-Security-Policy", PAGE_POLICY);
		}
		chain.doFilter(request, response);
	}

}
