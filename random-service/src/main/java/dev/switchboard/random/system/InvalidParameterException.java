package dev.switchboard.random.system;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request parameter that is well-formed but unacceptable (out of a configured range,
 * inconsistent with another one): a 400 problem shaped like the starter's validation
 * problems, naming the parameter in {@code detail} and {@code errors}.
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
		super(HttpStatus.BAD_REQUEST, problem(parameter, message), null);
		this.parameter = parameter;
	}

	private static ProblemDetail problem(String parameter, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid '" + parameter + "' " + message + ".");
		problem.setTitle("Invalid request parameters");
		problem.setProperty("errors", List.of(Map.of("name", parameter, "message", message)));
		return problem;
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
