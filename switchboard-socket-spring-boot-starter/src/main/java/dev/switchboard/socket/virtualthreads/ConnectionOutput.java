package dev.switchboard.socket.virtualthreads;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import dev.switchboard.socket.server.Refusals;

/**
 * What one connection sends: blocking writes, and the outbox of bytes queued by
 * {@code send} that a writer virtual thread of the connection (started on the first send)
 * writes in order. Every byte handed over counts against the connection's and the
 * server's write budgets until the socket took it; going over a budget closes the
 * connection, never slows whoever hands bytes over. Bytes go to the socket in slices, so
 * that the watchdog sees progress: a slice that the socket does not take within
 * {@code write-timeout} means the client stopped reading.
 */
final class ConnectionOutput {

	/**
	 * The most bytes written to the socket in one call: a client that reads fewer than
	 * this per write timeout counts as stalled.
	 */
	static final int SLICE = 16 * 1024;

	private final Socket socket;

	private final OutputStream output;

	private final TcpConnection connection;

	private final ServerCounters counters;

	private final long maxPerConnection;

	private final long maxPerServer;

	/** One thread on the socket at a time: the writer thread or a blocking write. */
	private final ReentrantLock socketLock = new ReentrantLock();

	/** Guards the queue, the budget and the flags; never held while writing. */
	private final ReentrantLock stateLock = new ReentrantLock();

	private final Condition work = this.stateLock.newCondition();

	private final ArrayDeque<byte[]> queue = new ArrayDeque<>();

	private long unsent;

	private boolean closed;

	private boolean closeWhenSent;

	private @Nullable Thread writer;

	private volatile long writingSince;

	private int writes;

	ConnectionOutput(Socket socket, TcpConnection connection, ServerCounters counters, long maxPerConnection,
			long maxPerServer) throws IOException {
		this.socket = socket;
		this.output = socket.getOutputStream();
		this.connection = connection;
		this.counters = counters;
		this.maxPerConnection = maxPerConnection;
		this.maxPerServer = maxPerServer;
	}

	boolean send(byte[] bytes) {
		String refusal;
		this.stateLock.lock();
		try {
			if (this.closed || this.closeWhenSent) {
				return false;
			}
			refusal = reserve(bytes.length);
			if (refusal == null) {
				this.queue.add(bytes);
				wakeWriter();
				return true;
			}
		}
		finally {
			this.stateLock.unlock();
		}
		this.connection.refuse(refusal, bytes.length);
		return false;
	}

	void write(byte[] bytes, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		String refusal;
		this.stateLock.lock();
		try {
			if (this.closed || this.closeWhenSent) {
				throw new SocketException("Socket closed");
			}
			refusal = reserve(length);
		}
		finally {
			this.stateLock.unlock();
		}
		if (refusal != null) {
			this.connection.refuse(refusal, length);
			throw new SocketException("Connection closed: " + describe(refusal));
		}
		this.socketLock.lock();
		try {
			try {
				writeQueued();
			}
			catch (IOException ex) {
				release(length);
				throw ex;
			}
			writeSlices(bytes, offset, length);
		}
		finally {
			this.socketLock.unlock();
		}
	}

	long unsentBytes() {
		this.stateLock.lock();
		try {
			return this.unsent;
		}
		finally {
			this.stateLock.unlock();
		}
	}

	void closeWhenSent() {
		this.stateLock.lock();
		try {
			if (!this.closed && !this.closeWhenSent) {
				this.closeWhenSent = true;
				wakeWriter();
			}
		}
		finally {
			this.stateLock.unlock();
		}
	}

	/**
	 * Write what is queued, on the calling thread (the handler's, once it returned). The
	 * watchdog still closes the connection if the client stopped reading.
	 */
	void drain() {
		this.socketLock.lock();
		try {
			writeQueued();
		}
		catch (IOException ex) {
			// closing anyway
		}
		finally {
			this.socketLock.unlock();
		}
	}

	/**
	 * Drop what is queued and stop the writer thread: the connection is closing.
	 */
	void discard() {
		long dropped = 0;
		this.stateLock.lock();
		try {
			this.closed = true;
			for (byte[] bytes : this.queue) {
				dropped += bytes.length;
			}
			this.queue.clear();
			this.unsent -= dropped;
			this.work.signalAll();
		}
		finally {
			this.stateLock.unlock();
		}
		this.counters.releaseUnsent(dropped);
	}

	/**
	 * Return whether a write has made no progress for longer than the given time.
	 * @param nanos the longest a slice may take
	 * @param now the current {@link System#nanoTime()}
	 * @return whether the client stopped reading
	 */
	boolean isWriteStalled(long nanos, long now) {
		long since = this.writingSince;
		return since != 0 && now - since > nanos;
	}

	private @Nullable String reserve(long bytes) {
		if (this.unsent + bytes > this.maxPerConnection) {
			return Refusals.WRITE_BUDGET;
		}
		if (!this.counters.reserveUnsent(bytes, this.maxPerServer)) {
			return Refusals.SERVER_WRITE_BUDGET;
		}
		this.unsent += bytes;
		return null;
	}

	private void release(long bytes) {
		this.stateLock.lock();
		try {
			this.unsent -= bytes;
		}
		finally {
			this.stateLock.unlock();
		}
		this.counters.releaseUnsent(bytes);
	}

	private void wakeWriter() {
		if (this.writer == null) {
			this.writer = Thread.ofVirtual()
				.name("socket-" + this.connection.serverName() + "-writer")
				.start(this::run);
		}
		this.work.signal();
	}

	private void run() {
		try {
			while (awaitWork()) {
				this.socketLock.lock();
				try {
					writeQueued();
				}
				finally {
					this.socketLock.unlock();
				}
			}
			this.socketLock.lock();
			try {
				if (!isClosed()) {
					this.connection.close(); // closeWhenSent: everything was written
				}
			}
			finally {
				this.socketLock.unlock();
			}
		}
		catch (IOException ex) {
			this.connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Wait for bytes to write.
	 * @return {@code true} when bytes are queued, {@code false} when the writer must stop
	 */
	private boolean awaitWork() throws InterruptedException {
		this.stateLock.lock();
		try {
			while (this.queue.isEmpty() && !this.closed && !this.closeWhenSent) {
				this.work.await();
			}
			return !this.closed && !this.queue.isEmpty();
		}
		finally {
			this.stateLock.unlock();
		}
	}

	private boolean isClosed() {
		this.stateLock.lock();
		try {
			return this.closed;
		}
		finally {
			this.stateLock.unlock();
		}
	}

	private @Nullable byte[] poll() {
		this.stateLock.lock();
		try {
			return this.queue.poll();
		}
		finally {
			this.stateLock.unlock();
		}
	}

	/** Write the queued bytes; the caller holds the socket lock. */
	private void writeQueued() throws IOException {
		byte[] next;
		while ((next = poll()) != null) {
			writeSlices(next, 0, next.length);
		}
	}

	/**
	 * Write bytes slice by slice, releasing their budget as the socket takes them (and
	 * what is left when it fails); the caller holds the socket lock.
	 */
	private void writeSlices(byte[] bytes, int offset, int length) throws IOException {
		int position = offset;
		int end = offset + length;
		try {
			if (this.writes++ == 1) {
				// a conversation, not one reply: small writes must not wait for the
				// peer's ACK (Nagle)
				this.socket.setTcpNoDelay(true);
			}
			while (position < end) {
				int slice = Math.min(SLICE, end - position);
				this.writingSince = System.nanoTime() | 1;
				this.output.write(bytes, position, slice);
				this.writingSince = 0;
				position += slice;
				release(slice);
				this.counters.sent(slice);
			}
		}
		finally {
			this.writingSince = 0;
			if (position < end) {
				release(end - position);
			}
		}
	}

	private String describe(String refusal) {
		return Refusals.WRITE_BUDGET.equals(refusal)
				? "more than " + this.maxPerConnection + " bytes would wait to be sent to this client"
				: "more than " + this.maxPerServer + " bytes would wait to be sent by this server";
	}

	String describe(String refusal, long bytes) {
		return describe(refusal) + " (" + bytes + " more handed over)";
	}

}
