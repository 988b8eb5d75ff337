package dev.switchboard.messaging.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.switchboard.messaging.users.NicknameTakenException;
import dev.switchboard.messaging.users.UserNotFoundException;

/**
 * The one place where messaging's domain exceptions become HTTP answers (problem JSON):
 * the services throw plain exceptions, whichever door (REST, WebSocket, TCP) called them.
 */
@RestControllerAdvice
class MessagingExceptionHandler {

	@ExceptionHandler(UserNotFoundException.class)
	ProblemDetail userNotFound(UserNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(NicknameTakenException.class)
	ProblemDetail nicknameTaken(NicknameTakenException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
