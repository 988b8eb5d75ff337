package dev.switchboard.service.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.ClassUtils;

/**
 * The suite's one rule for telling a storage outage (the database down, restarting,
 * unreachable, out of connections) from any other failure. Every protocol asks it: the
 * REST answer is a 503 problem ({@link #unavailableProblem()}), a TCP or WebSocket
 * command answers its own "unavailable" error in its own form.
 * <p>
 * Needs only {@code java.sql}; Spring's data access and transaction exceptions are
 * recognised when {@code spring-tx} is present.
 */
public final class StorageFailures {

	/**
	 * Seconds a client is asked to wait ({@code Retry-After}) before retrying a request
	 * the storage could not serve.
	 */
	public static final int RETRY_AFTER_SECONDS = 5;

	private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

	private static final boolean SPRING_TX_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.CannotCreateTransactionException", StorageFailures.class.getClassLoader());

	private StorageFailures() {
	}

	/**
	 * Whether a failure, or any of its causes, comes from storage that could not be
	 * reached or was lost:
	 * <ul>
	 * <li>Spring's exceptions that always mean so: no transaction could begin
	 * ({@code CannotCreateTransactionException}), a resource failure, a transient failure
	 * or a query timeout;</li>
	 * <li>a JDBC connection exception (SQLState class {@code 08}, such as Hikari's
	 * {@code 08003 Connection is closed}), the server shutting down or refusing
	 * connections ({@code 57P01}–{@code 57P03}), too many connections ({@code 53300}),
	 * the pool's timeout ({@link SQLTransientConnectionException});</li>
	 * <li>Hikari's closed connection: when PostgreSQL shuts down under a transaction,
	 * Hikari evicts the connection on {@code 57P01}, and the rollback that follows fails
	 * on the closed connection with a bare {@code Connection is closed} (no SQLState)
	 * that replaces the original failure.</li>
	 * </ul>
	 * Any other failure (a constraint violation, a bug in a query) is not an outage.
	 * @param failure the failure
	 * @return whether the storage is unavailable
	 */
	public static boolean isUnavailable(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (SPRING_TX_PRESENT && SpringOutages.isOutage(cause)) {
				return true;
			}
			if (cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && (isUnavailable(sql.getSQLState()) || isClosedByPool(sql))) {
				return true;
			}
			for (Throwable suppressed : cause.getSuppressed()) {
				if (isUnavailable(suppressed)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The problem that answers a request the storage could not serve: 503, titled
	 * "Storage unavailable". Whoever writes it adds
	 * {@code Retry-After: }{@value #RETRY_AFTER_SECONDS}, as the request was not
	 * completed and may be retried.
	 * @return a new problem
	 */
	public static ProblemDetail unavailableProblem() {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The storage is unavailable right now; the request was not completed. Retry in a few seconds.");
		body.setTitle("Storage unavailable");
		return body;
	}

	/**
	 * The answer of a controller to a request the storage could not serve.
	 * @return 503 problem JSON with {@code Retry-After}
	 */
	static ResponseEntity<ProblemDetail> unavailable() {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(unavailableProblem());
	}

	/**
	 * Hikari's proxy of a connection it has closed (after it broke) throws exactly this.
	 */
	private static boolean isClosedByPool(SQLException ex) {
		return ex.getSQLState() == null && HIKARI_CLOSED_CONNECTION.equals(ex.getMessage());
	}

	private static boolean isUnavailable(String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
				|| sqlState.equals("57P03") || sqlState.equals("53300"));
	}

	/**
	 * Spring's exceptions that always mean an outage, in a class of their own so that
	 * they are loaded only when {@code spring-tx} is present.
	 */
	private static final class SpringOutages {

		static boolean isOutage(Throwable failure) {
			// QueryTimeoutException is a TransientDataAccessException
			return failure instanceof CannotCreateTransactionException
					|| failure instanceof DataAccessResourceFailureException
					|| failure instanceof TransientDataAccessException;
		}

	}

}
