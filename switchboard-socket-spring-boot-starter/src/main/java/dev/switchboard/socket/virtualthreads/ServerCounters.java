package dev.switchboard.socket.virtualthreads;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.switchboard.socket.server.SocketServerStatistics;

/**
 * The counters of one server, updated by its listeners and connections.
 */
final class ServerCounters implements SocketServerStatistics {

	private final AtomicInteger active = new AtomicInteger();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder datagrams = new LongAdder();

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final LongAdder errors = new LongAdder();

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

}
