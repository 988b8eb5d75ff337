package dev.switchboard.service.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Tells a database that is gone (down, restarting, unreachable, out of connections) from
 * any other failure, by the JDBC exceptions in a failure's causes, and renders it as 503.
 * Needs nothing but {@code java.sql}: it also serves where no Spring Data is present.
 */
final class StorageFailures {

	private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

	private StorageFailures() {
	}

	/**
	 * Whether a failure comes from a database connection that could not be had or was
	 * lost: a connection exception (SQLState class {@code 08}, such as Hikari's
	 * {@code 08003 Connection is closed}), the server shutting down or refusing
	 * connections ({@code 57P01}–{@code 57P03}), too many connections ({@code 53300}),
	 * the pool's timeout ({@link SQLTransientConnectionException}), or Hikari's closed
	 * connection. The last one matters most: when PostgreSQL shuts down under a
	 * transaction, Hikari evicts the connection on {@code 57P01}, and the rollback that
	 * follows fails on the closed connection with a bare {@code Connection is closed} (no
	 * SQLState) that replaces the original failure.
	 * @param failure the failure
	 * @return whether the storage is unavailable
	 */
	static boolean isUnavailable(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
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
	 * The answer to a request the storage could not serve: 503 problem JSON with
	 * {@code Retry-After}, as the request was not completed and may be retried.
	 * @return the answer
	 */
	static ResponseEntity<ProblemDetail> unavailable() {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The storage is unavailable right now; the request was not completed. Retry in a few seconds.");
		body.setTitle("Storage unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(body);
	}

}
