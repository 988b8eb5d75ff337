package dev.switchboard.socket.virtualthreads;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.switchboard.socket.framing.FrameTooLargeException;
import dev.switchboard.socket.framing.Framing;
import dev.switchboard.socket.framing.InvalidUtf8Exception;
import dev.switchboard.socket.framing.MalformedFrameException;
import dev.switchboard.socket.framing.TruncatedFrameException;
import dev.switchboard.socket.server.Durations;
import dev.switchboard.socket.server.IdleTimeoutException;
import dev.switchboard.socket.server.Refusals;
import dev.switchboard.socket.server.RequestTimeoutException;
import dev.switchboard.socket.server.SocketConnection;
import dev.switchboard.socket.server.SocketServerSettings;

/**
 * One accepted connection, served on its own virtual thread. Its state tells a stopping
 * server which connections it may close at once (waiting for a message) and which to let
 * finish (in the middle of one).
 */
final class TcpConnection implements SocketConnection, ConnectionInputStream.Listener {

	private static final Log logger = LogFactory.getLog(TcpConnection.class);

	private static final int WAITING = 0;

	private static final int BUSY = 1;

	private static final int CLOSING = 2;

	private static final int INPUT_BUFFER_SIZE = 2048;

	private static final int MAX_DISCARDED_ON_CLOSE = 1024 * 1024;

	private static final Duration LINGER = Duration.ofSeconds(1);

	private final Socket socket;

	private final InetSocketAddress remoteAddress;

	private final TcpListener listener;

	private final ServerCounters counters;

	private final ConnectionInputStream input;

	private final ConnectionOutput output;

	private final int maxRequestSize;

	private final AtomicInteger state = new AtomicInteger(BUSY);

	private boolean readFailed;

	TcpConnection(Socket socket, TcpListener listener, SocketServerSettings settings, ServerCounters counters)
			throws IOException {
		this.socket = socket;
		this.remoteAddress = (InetSocketAddress) socket.getRemoteSocketAddress();
		this.listener = listener;
		this.counters = counters;
		this.input = new ConnectionInputStream(socket, socket.getInputStream(), INPUT_BUFFER_SIZE,
				settings.getIdleTimeout(), settings.getRequestTimeout(), this);
		this.output = new ConnectionOutput(socket, this, counters, settings.getMaxUnsentPerConnection().toBytes(),
				settings.getMaxUnsentPerServer().toBytes());
		this.maxRequestSize = (int) settings.getMaxRequestSize().toBytes();
	}

	@Override
	public String serverName() {
		return this.listener.serverName();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public int maxRequestSize() {
		return this.maxRequestSize;
	}

	@Override
	public <T> @Nullable T read(Framing<T> framing) throws IOException {
		if (!this.state.compareAndSet(BUSY, WAITING) && this.state.get() == CLOSING) {
			return null;
		}
		boolean buffered = this.input.startMessage();
		if (buffered) {
			this.state.compareAndSet(WAITING, BUSY);
		}
		else if (this.listener.isStopping()) {
			close();
			return null;
		}
		try {
			return framing.read(this.input);
		}
		catch (IOException ex) {
			if (this.state.get() == CLOSING && !this.listener.isForcing()) {
				return null; // closed while idle by a stopping server: no message was
								// lost
			}
			String refusal = refusal(ex);
			if (refusal != null) {
				this.counters.refused(refusal);
			}
			throw ex;
		}
		finally {
			this.state.compareAndSet(WAITING, BUSY);
		}
	}

	@Override
	public void messageStarted() {
		this.state.compareAndSet(WAITING, BUSY);
	}

	@Override
	public void received(int bytes) {
		this.counters.received(bytes);
	}

	private static @Nullable String refusal(IOException ex) {
		return switch (ex) {
			case IdleTimeoutException timeout -> Refusals.IDLE_TIMEOUT;
			case RequestTimeoutException timeout -> Refusals.REQUEST_TIMEOUT;
			case FrameTooLargeException tooLarge -> Refusals.REQUEST_TOO_LARGE;
			case InvalidUtf8Exception invalid -> Refusals.INVALID_UTF8;
			case MalformedFrameException malformed -> Refusals.MALFORMED_REQUEST;
			case TruncatedFrameException truncated -> Refusals.TRUNCATED_REQUEST;
			default -> null; // a network failure, not a refusal
		};
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		this.output.write(bytes, offset, length);
	}

	@Override
	public boolean send(byte[] bytes) {
		return this.output.send(bytes);
	}

	@Override
	public long unsentBytes() {
		return this.output.unsentBytes();
	}

	@Override
	public void closeWhenSent() {
		this.output.closeWhenSent();
	}

	@Override
	public void countRefusal(String reason) {
		this.counters.refused(reason);
	}

	/**
	 * Close the connection for going over a write budget, and count it.
	 * @param reason the budget's refusal reason
	 * @param bytes how many bytes were handed over
	 */
	void refuse(String reason, long bytes) {
		this.counters.refused(reason);
		if (logger.isDebugEnabled()) {
			logger.debug(this + " closed: " + this.output.describe(reason, bytes));
		}
		close();
	}

	/**
	 * Close the connection because its client read nothing for the write timeout, and
	 * count it.
	 * @param writeTimeout the timeout
	 */
	void closeStalled(Duration writeTimeout) {
		this.counters.refused(Refusals.WRITE_TIMEOUT);
		logger.debug(this + " closed: the client read nothing for " + Durations.describe(writeTimeout));
		close();
	}

	@Override
	public boolean isOpen() {
		return this.state.get() != CLOSING && !this.socket.isClosed();
	}

	@Override
	public void close() {
		this.state.set(CLOSING);
		this.output.discard();
		closeSocket();
	}

	/**
	 * Close the connection if it waits for a message (a stopping server's first pass).
	 * @return whether it was closed
	 */
	boolean closeIfWaiting() {
		if (this.state.compareAndSet(WAITING, CLOSING)) {
			this.output.discard();
			closeSocket();
			return true;
		}
		return false;
	}

	/**
	 * Return whether a write has made no progress for longer than the given time.
	 * @param nanos the longest a write may block
	 * @param now the current {@link System#nanoTime()}
	 * @return whether the client stopped reading
	 */
	boolean isWriteStalled(long nanos, long now) {
		return this.output.isWriteStalled(nanos, now);
	}

	boolean wasClosedByServer() {
		return this.state.get() == CLOSING;
	}

	/**
	 * Close after the handler returned, once what it queued is written (within the write
	 * timeout), without a reset that could destroy the reply: when the client is still
	 * sending (a request over the limit, one the handler did not read whole), the reply
	 * is flushed with a half-close and what follows is discarded for a moment before
	 * closing.
	 */
	void finish() {
		this.output.drain();
		this.state.set(CLOSING);
		this.output.discard();
		if (!this.socket.isClosed()) {
			try {
				// after a rejected request (too large, too slow) the client may still be
				// sending
				if (this.readFailed || this.input.available() > 0) {
					lingerAndDiscard();
				}
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		closeSocket();
	}

	private void lingerAndDiscard() throws IOException {
		this.socket.shutdownOutput();
		this.socket.setSoTimeout((int) LINGER.toMillis());
		InputStream raw = this.socket.getInputStream();
		byte[] discarded = new byte[8192];
		long deadline = System.nanoTime() + LINGER.toNanos();
		long total = 0;
		while (total < MAX_DISCARDED_ON_CLOSE && System.nanoTime() - deadline < 0) {
			int count = raw.read(discarded);
			if (count < 0) {
				return;
			}
			total += count;
		}
	}

	private void closeSocket() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

	@Override
	public String toString() {
		return "connection from " + this.remoteAddress + " to '" + serverName() + "'";
	}

}
