package dev.switchboard.messaging.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.AuthenticationEntryPoint;

import dev.switchboard.service.problem.ProblemDetailWriter;

/**
 * Answers 401 with {@code WWW-Authenticate: Bearer} (RFC 6750) and a problem JSON body
 * saying how to authenticate.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final ProblemDetailWriter problems;

	ProblemAuthenticationEntryPoint(ProblemDetailWriter problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (exception instanceof OAuth2AuthenticationException oauth) {
			// a token was sent but is malformed or unknown
			OAuth2Error error = oauth.getError();
			String description = (error.getDescription() != null) ? error.getDescription() : "Invalid bearer token";
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + error.getErrorCode()
					+ "\", error_description=\"" + description.replace('"', '\'') + "\"");
			this.problems.write(request, response,
					ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "The bearer token is not valid ("
							+ description + "): use the token POST /api/users answered when you registered."));
			return;
		}
		// RFC 6750 section 3: no error code when the request carried no token at all
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		this.problems.write(request, response,
				ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
						"This operation needs a bearer token: send 'Authorization: Bearer <token>' with the token "
								+ "POST /api/users answered when you registered."));
	}

}
