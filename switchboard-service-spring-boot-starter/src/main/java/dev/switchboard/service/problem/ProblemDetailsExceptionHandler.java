package dev.switchboard.service.problem;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception a controller lets escape into problem JSON whose {@code detail}
 * is a sentence a user can act on, naming the parameter or field at fault.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsExceptionHandler extends ResponseEntityExceptionHandler {

	private static final int MAX_DETAIL_LENGTH = 300;

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new InvalidField(error.getField(), message(error)))
			.toList();
		return handleExceptionInternal(ex, invalid(status, "Invalid request content", errors), headers, status,
				request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(ProblemDetailsExceptionHandler::invalidFields)
			.toList();
		return handleExceptionInternal(ex, invalid(status, "Invalid request parameters", errors), headers, status,
				request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "value";
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		String detail = "Parameter '%s' must be of type %s, got '%s'.".formatted(name, expected,
				truncate(String.valueOf(ex.getValue())));
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setTitle("Invalid request parameters");
		body.setProperty("errors", List.of(new InvalidField(name, "must be of type " + expected)));
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String reason = (ex.getCause() instanceof JacksonException jackson) ? jackson.getOriginalMessage()
				: "the body is missing or cannot be read";
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status,
				"The request body is not valid: " + truncate(reason));
		body.setTitle("Unreadable request body");
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status,
				"No resource at " + truncate(ex.getHttpMethod() + " /" + ex.getResourcePath()) + ".");
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<InvalidField> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new InvalidField(leafName(violation), violation.getMessage()))
			.toList();
		return handleExceptionInternal(ex, invalid(HttpStatus.BAD_REQUEST, "Invalid request parameters", errors),
				new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A {@code @Valid} body validated with the method's other parameters reports its own
	 * fields: name them, not the parameter that holds the body.
	 */
	private static Stream<InvalidField> invalidFields(ParameterValidationResult result) {
		if (result instanceof ParameterErrors errors && errors.hasFieldErrors()) {
			return errors.getFieldErrors().stream().map((error) -> new InvalidField(error.getField(), message(error)));
		}
		String name = result.getMethodParameter().getParameterName();
		return result.getResolvableErrors().stream().map((error) -> new InvalidField(name, message(error)));
	}

	/**
	 * The problem of a request whose parameters or fields are invalid: a {@code detail}
	 * naming each, and the list of them in {@code errors}.
	 */
	static ProblemDetail invalid(HttpStatusCode status, String title, List<InvalidField> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, describe(errors));
		problem.setTitle(title);
		problem.setProperty("errors", errors);
		return problem;
	}

	static String describe(List<InvalidField> errors) {
		if (errors.isEmpty()) {
			return "The request is invalid.";
		}
		return errors.stream()
			.map((error) -> "'" + error.name() + "': " + error.message())
			.collect(Collectors.joining("; ", "Invalid ", "."));
	}

	private static String message(MessageSourceResolvable error) {
		String message = error.getDefaultMessage();
		if (message == null && error instanceof FieldError field) {
			message = "is invalid (" + field.getCode() + ")";
		}
		return (message != null) ? message : "is invalid";
	}

	private static String leafName(ConstraintViolation<?> violation) {
		String path = violation.getPropertyPath().toString();
		int dot = path.lastIndexOf('.');
		return (dot >= 0) ? path.substring(dot + 1) : path;
	}

	static String truncate(String text) {
		if (text == null) {
			return "";
		}
		return (text.length() <= MAX_DETAIL_LENGTH) ? text : text.substring(0, MAX_DETAIL_LENGTH) + "…";
	}

	/**
	 * One invalid parameter or field, as listed in the problem's {@code errors} member.
	 *
	 * @param name the parameter or field name
	 * @param message what is wrong with it
	 */
	public record InvalidField(String name, String message) {
	}

}
