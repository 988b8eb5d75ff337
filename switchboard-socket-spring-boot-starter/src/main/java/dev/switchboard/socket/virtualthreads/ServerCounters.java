package dev.switchboard.socket.virtualthreads;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.switchboard.socket.server.Refusals;
import dev.switchboard.socket.server.SocketServerStatistics;

/**
 * The counters of one server, updated by its listeners and connections, and the server's
 * write budget: the bytes handed over to its connections and not yet written.
 */
final class ServerCounters implements SocketServerStatistics {

	private final Map<String, LongAdder> refusals;

	private final AtomicLong unsent = new AtomicLong();

	private final AtomicInteger active = new AtomicInteger();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder datagrams = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder errors = new LongAdder();

	/**
	 * Create counters.
	 * @param refusalReasons every reason the server may count
	 */
	ServerCounters(Set<String> refusalReasons) {
		Map<String, LongAdder> byReason = new TreeMap<>();
		refusalReasons.forEach((reason) -> byReason.put(reason, new LongAdder()));
		this.refusals = Collections.unmodifiableMap(byReason);
	}

	/**
	 * Count a connection in if the server has room for it.
	 * @param maxConnections the limit
	 * @return whether the connection may be served
	 */
	boolean tryAccept(int maxConnections) {
		while (true) {
			int current = this.active.get();
			if (current >= maxConnections) {
				this.rejected.increment();
				refused(Refusals.CONNECTION_LIMIT);
				return false;
			}
			if (this.active.compareAndSet(current, current + 1)) {
				this.accepted.increment();
				return true;
			}
		}
	}

	int connectionEnded() {
		return this.active.decrementAndGet();
	}

	void rejected() {
		this.rejected.increment();
	}

	void datagramReceived(int bytes) {
		this.datagrams.increment();
		this.bytesReceived.add(bytes);
	}

	void received(int bytes) {
		this.bytesReceived.add(bytes);
	}

	void sent(int bytes) {
		this.bytesSent.add(bytes);
	}

	void error() {
		this.errors.increment();
	}

	/**
	 * Count a refusal.
	 * @param reason one of the reasons given at creation
	 * @throws IllegalArgumentException for another reason: it would have no meter
	 */
	void refused(String reason) {
		LongAdder counter = this.refusals.get(reason);
		if (counter == null) {
			throw new IllegalArgumentException("Refusal reason '" + reason + "' is not one of " + this.refusals.keySet()
					+ ": declare it in the handler's refusalReasons()");
		}
		counter.increment();
	}

	/**
	 * Reserve room in the server's write budget.
	 * @param bytes the bytes handed over
	 * @param max the budget
	 * @return whether they fit
	 */
	boolean reserveUnsent(long bytes, long max) {
		while (true) {
			long current = this.unsent.get();
			if (current + bytes > max) {
				return false;
			}
			if (this.unsent.compareAndSet(current, current + bytes)) {
				return true;
			}
		}
	}

	void releaseUnsent(long bytes) {
		this.unsent.addAndGet(-bytes);
	}

	@Override
	public int activeConnections() {
		return this.active.get();
	}

	@Override
	public long acceptedConnections() {
		return this.accepted.sum();
	}

	@Override
	public long rejectedConnections() {
		return this.rejected.sum();
	}

	@Override
	public long datagramsReceived() {
		return this.datagrams.sum();
	}

	@Override
	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	@Override
	public long bytesSent() {
		return this.bytesSent.sum();
	}

	@Override
	public long errors() {
		return this.errors.sum();
	}

	@Override
	public Set<String> refusalReasons() {
		return this.refusals.keySet();
	}

	@Override
	public long refusals(String reason) {
		LongAdder counter = this.refusals.get(reason);
		return (counter != null) ? counter.sum() : 0;
	}

	@Override
	public long unsentBytes() {
		return this.unsent.get();
	}

}
