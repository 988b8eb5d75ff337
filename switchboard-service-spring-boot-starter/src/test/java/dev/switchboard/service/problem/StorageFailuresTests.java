package dev.switchboard.service.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class StorageFailuresTests {

	@Test
	void shouldCallAFailureToBeginATransactionAnOutage() {
		assertThat(StorageFailures.isUnavailable(new CannotCreateTransactionException("Connection refused"))).isTrue();
		assertThat(StorageFailures.isUnavailable(new QueryTimeoutException("too slow"))).isTrue();
	}

	@Test
	void shouldCallAConnectionLostUnderAQueryAnOutageByItsSqlState() {
		SQLException terminated = new SQLException("FATAL: terminating connection", "57P01");
		assertThat(StorageFailures.isUnavailable(new InvalidDataAccessResourceUsageException("failed", terminated)))
			.isTrue();
		assertThat(StorageFailures.isUnavailable(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
		assertThat(StorageFailures.isUnavailable(new SQLTransientConnectionException("pool timeout"))).isTrue();
	}

	@Test
	void shouldCallTheRollbackOnAConnectionThePoolClosedAnOutage() {
		assertThat(StorageFailures.isUnavailable(
				new TransactionSystemException("Unable to rollback", new SQLException("Connection is closed"))))
			.isTrue();
	}

	@Test
	void shouldFindAnOutageInASuppressedFailure() {
		RuntimeException failure = new RuntimeException("write failed");
		failure.addSuppressed(new SQLException("too many connections", "53300"));
		assertThat(StorageFailures.isUnavailable(failure)).isTrue();
	}

	@Test
	void shouldNotCallOtherStorageFailuresAnOutage() {
		assertThat(StorageFailures.isUnavailable(
				new DataIntegrityViolationException("duplicate key", new SQLException("duplicate key value", "23505"))))
			.isFalse();
		assertThat(StorageFailures.isUnavailable(new IllegalStateException("a bug"))).isFalse();
	}

	@Test
	void shouldDescribeTheOutageAsA503Problem() {
		assertThat(StorageFailures.unavailableProblem().getStatus()).isEqualTo(503);
		assertThat(StorageFailures.unavailable().getHeaders().getFirst("Retry-After"))
			.isEqualTo(String.valueOf(StorageFailures.RETRY_AFTER_SECONDS));
	}

}
