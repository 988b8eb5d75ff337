package dev.switchboard.service.problem;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers 503 problem JSON, with {@code Retry-After}, when the database is down or too
 * slow, instead of a 500: the request was not completed and the client may retry.
 * <p>
 * A data access or transaction failure counts when {@link StorageFailures} calls it an
 * outage: when PostgreSQL goes away, the request that held a pooled connection fails with
 * an uncategorised JDBC error ({@code 57P01 terminating connection}) whose rollback then
 * fails too ({@code 08003 Connection is closed}). Any other such failure is left to
 * whatever handles it next (a 500 by default). Lowest precedence: an application's own
 * handlers of these types win.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class StorageUnavailableExceptionHandler {

	private static final Log log = LogFactory.getLog(StorageUnavailableExceptionHandler.class);

	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> handleStorageFailure(Exception ex) throws Exception {
		if (!StorageFailures.isUnavailable(ex)) {
			throw ex; // not the storage going away: a bug, for the next handler
		}
		log.warn("Storage unavailable: " + ex.getMessage());
		return StorageFailures.unavailable();
	}

}
