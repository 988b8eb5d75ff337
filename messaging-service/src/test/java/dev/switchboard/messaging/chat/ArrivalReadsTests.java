package dev.switchboard.messaging.chat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ArrivalReads}.
 */
class ArrivalReadsTests {

	private final ArrivalReads reads = new ArrivalReads(2);

	@AfterEach
	void close() {
		this.reads.close();
	}

	@Test
	void shouldRunReadsOnPlatformThreadsAndAnswerWhatTheyRead() throws Exception {
		String answer = CompletableFuture
			.supplyAsync(
					() -> this.reads
						.read(() -> Thread.currentThread().isVirtual() + " " + Thread.currentThread().getName()),
					java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
			.get(10, TimeUnit.SECONDS);
		assertThat(answer).startsWith("false chat-arrival-");
	}

	@Test
	void shouldRethrowWhatAReadThrows() {
		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(() -> this.reads.read(() -> {
			throw new DataAccessResourceFailureException("database down");
		})).withMessage("database down");
	}

	@Test
	void shouldRunNoMoreReadsAtOnceThanItsThreads() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(8);
		try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 8; i++) {
				callers.execute(() -> {
					this.reads.read(() -> {
						most.accumulateAndGet(running.incrementAndGet(), Math::max);
						try {
							Thread.sleep(20);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
						return running.decrementAndGet();
					});
					done.countDown();
				});
			}
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(most).hasValue(2);
	}

	@Test
	void shouldRefuseAPoolWithoutThreads() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ArrivalReads(0))
			.withMessageContaining("arrival-threads");
	}

}
