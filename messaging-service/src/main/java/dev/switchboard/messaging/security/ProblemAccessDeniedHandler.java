package dev.switchboard.messaging.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.switchboard.service.problem.ProblemDetailWriter;

/**
 * Answers 403 problem JSON when a valid token is used on another user's resource.
 */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final ProblemDetailWriter problems;

	ProblemAccessDeniedHandler(ProblemDetailWriter problems) {
		this.problems = problems;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		this.problems.write(request, response,
				ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
						"This token belongs to another user: only the user's own token may change their status, read "
								+ "their inbox, or ask anything else about them that is not public."));
	}

}
