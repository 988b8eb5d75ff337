package dev.switchboard.fileshare.share;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute links built from the request as the client made it: behind the gateway,
 * {@code X-Forwarded-*} headers (honoured by Spring's {@code ForwardedHeaderFilter}) make
 * them point at the gateway.
 */
final class ShareLinks {

	private ShareLinks() {
	}

	static String download(HttpServletRequest request, String token) {
		return ServletUriComponentsBuilder.fromContextPath(request)
			.path("/s/{token}")
			.buildAndExpand(token)
			.toUriString();
	}

	static String details(HttpServletRequest request, String token) {
		return ServletUriComponentsBuilder.fromContextPath(request)
			.path("/api/shares/{token}")
			.buildAndExpand(token)
			.toUriString();
	}

}
