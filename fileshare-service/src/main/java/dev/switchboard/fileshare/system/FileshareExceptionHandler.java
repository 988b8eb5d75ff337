package dev.switchboard.fileshare.system;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.switchboard.fileshare.download.UnsatisfiableRangeException;
import dev.switchboard.fileshare.publicfolder.PublicFileNotFoundException;
import dev.switchboard.fileshare.share.NotAllowedException;
import dev.switchboard.fileshare.share.ShareGoneException;
import dev.switchboard.fileshare.share.ShareNotFoundException;
import dev.switchboard.fileshare.storage.InsufficientStorageException;
import dev.switchboard.fileshare.upload.InvalidUploadException;
import dev.switchboard.fileshare.upload.UploadTooLargeException;
import dev.switchboard.service.problem.ProblemDetailsExceptionHandler.InvalidField;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The file share's refusals as HTTP answers them: problem JSON whose {@code detail} is
 * the exception's message. A refused upload closes the connection, so that the rest of
 * its body is not read for nothing.
 */
@RestControllerAdvice
class FileshareExceptionHandler {

	@ExceptionHandler({ ShareNotFoundException.class, PublicFileNotFoundException.class })
	ResponseEntity<ProblemDetail> handleNotFound(RuntimeException ex) {
		return answer(problem(HttpStatus.NOT_FOUND, null, ex));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleGone(ShareGoneException ex) {
		return answer(problem(HttpStatus.GONE, null, ex));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleNotAllowed(NotAllowedException ex) {
		return answer(problem(HttpStatus.FORBIDDEN, "Not allowed", ex));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleInvalidUpload(InvalidUploadException ex) {
		String field = ex.getField();
		String message = ex.getFieldMessage();
		if (field == null || message == null) {
			return answer(problem(HttpStatus.BAD_REQUEST, "Invalid upload", ex));
		}
		// named like the 400s of Bean Validation
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request content", ex);
		problem.setProperty("errors", List.of(new InvalidField(field, message)));
		return answer(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleUploadTooLarge(UploadTooLargeException ex) {
		return closing(problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", ex));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleInsufficientStorage(InsufficientStorageException ex) {
		return closing(problem(HttpStatus.INSUFFICIENT_STORAGE, "Insufficient storage", ex));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleUnsatisfiableRange(UnsatisfiableRangeException ex) {
		return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
			.header(HttpHeaders.CONTENT_RANGE, "bytes */" + ex.getSize())
			.body(problem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, null, ex));
	}

	private static ProblemDetail problem(HttpStatus status, @Nullable String title, RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		if (title != null) {
			problem.setTitle(title);
		}
		return problem;
	}

	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
		return ResponseEntity.of(problem).build();
	}

	private static ResponseEntity<ProblemDetail> closing(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.CONNECTION, "close").body(problem);
	}

}
