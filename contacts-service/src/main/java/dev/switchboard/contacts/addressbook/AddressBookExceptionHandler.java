package dev.switchboard.contacts.addressbook;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The address book's refusals as REST answers them: problem JSON whose {@code detail} is
 * the exception's message.
 */
@RestControllerAdvice
class AddressBookExceptionHandler {

	@ExceptionHandler(AddressBookException.class)
	ResponseEntity<ProblemDetail> handle(AddressBookException ex) {
		HttpStatus status = switch (ex) {
			case ContactNotFoundException notFound -> HttpStatus.NOT_FOUND;
			case DuplicateMailException duplicate -> HttpStatus.CONFLICT;
			// 409, not 412: the client sent no precondition, the contact changed under it
			case ContactChangedException changed -> HttpStatus.CONFLICT;
			case InvalidPatchException invalid -> HttpStatus.BAD_REQUEST;
		};
		return ResponseEntity.of(ProblemDetail.forStatusAndDetail(status, ex.getMessage())).build();
	}

}
