package dev.switchboard.service.problem;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.switchboard.service.problem.ProblemDetailsExceptionHandler.InvalidField;

/**
 * A request parameter that is well-formed but unacceptable (out of a configured range,
 * inconsistent with another one), found by the application's own checks: the same 400
 * problem as {@link ProblemDetailsExceptionHandler} answers for Bean Validation, naming
 * the parameter in {@code detail} and {@code errors}.
 */
public class InvalidParameterException extends ErrorResponseException {

	private final String parameter;

	/**
	 * Create an exception for one parameter.
	 * @param parameter the name of the parameter at fault
	 * @param message what is wrong with it, as the end of a sentence starting with its
	 * name ("must be between 1 and 10000")
	 */
	public InvalidParameterException(String parameter, String message) {
		super(HttpStatus.BAD_REQUEST, ProblemDetailsExceptionHandler.invalid(HttpStatus.BAD_REQUEST,
				"Invalid request parameters", List.of(new InvalidField(parameter, message))), null);
		this.parameter = parameter;
	}

	/**
	 * Return the name of the parameter at fault.
	 * @return the parameter name
	 */
	public String getParameter() {
		return this.parameter;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
