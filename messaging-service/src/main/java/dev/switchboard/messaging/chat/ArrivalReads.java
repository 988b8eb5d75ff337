package dev.switchboard.messaging.chat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Runs the database reads of clients arriving (a sign-in's token, a join's history, a
 * guest's nickname) on a small pool of platform threads, the caller waiting for the
 * answer.
 * <p>
 * Arrivals come in bursts: a replica that dies sends all its clients to another at once,
 * and each arrival makes every connection already there receive a presence frame, each
 * sent on a virtual thread. Those sends fill the virtual threads' scheduler, and a
 * virtual thread that the connection pool hands a connection to then waits its turn
 * behind them, connection in hand, until the pool's {@code connection-timeout} refuses
 * the others with "storage unavailable" while connections sit unused. On platform
 * threads, the operating system runs the reads in time; the pool's size keeps them from
 * taking every database connection (say, REST).
 */
public final class ArrivalReads implements AutoCloseable {

	private final ExecutorService readers;

	/**
	 * Create the pool.
	 * @param threads how many reads run at once
	 */
	public ArrivalReads(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("switchboard.messaging.chat.arrival-threads must be 1 or more");
		}
		ExecutorService pool = Executors.newFixedThreadPool(threads,
				Thread.ofPlatform().name("chat-arrival-", 0).daemon().factory());
		// the reads' traces stay those of the frame or line that asked for them
		this.readers = ContextExecutorService.wrap(pool, ContextSnapshotFactory.builder().build()::captureAll);
	}

	/**
	 * Run a read and wait for its answer.
	 * @param <T> what the read answers
	 * @param read the read
	 * @return what it answered
	 */
	public <T> T read(Supplier<T> read) {
		Future<T> answer = this.readers.submit(read::get);
		try {
			return answer.get();
		}
		catch (InterruptedException ex) {
			answer.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a read", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	@Override
	public void close() {
		this.readers.shutdownNow();
	}

}
