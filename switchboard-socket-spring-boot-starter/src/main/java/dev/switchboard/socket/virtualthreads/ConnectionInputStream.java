package dev.switchboard.socket.virtualthreads;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.switchboard.socket.server.IdleTimeoutException;
import dev.switchboard.socket.server.RequestTimeoutException;

/**
 * A connection's buffered input (mark/reset for the framings that read ahead) that
 * enforces the idle timeout on every read from the socket and the request timeout from a
 * message's first byte, and counts the bytes received.
 */
final class ConnectionInputStream extends BufferedInputStream {

	private final TimedSocketInput timed;

	ConnectionInputStream(Socket socket, InputStream socketInput, int bufferSize, Duration idleTimeout,
			Duration requestTimeout, Listener listener) {
		this(new TimedSocketInput(socket, socketInput, idleTimeout, requestTimeout, listener), bufferSize);
	}

	private ConnectionInputStream(TimedSocketInput timed, int bufferSize) {
		super(timed, bufferSize);
		this.timed = timed;
	}

	/**
	 * Start the clock of a new message: until its first byte, only the idle timeout
	 * applies.
	 * @return whether bytes of the message are already buffered
	 */
	boolean startMessage() {
		this.timed.messageStarted = false;
		return this.count > this.pos;
	}

	/**
	 * What the input tells its connection.
	 */
	interface Listener {

		/**
		 * Called when the first bytes of a message arrived from the socket.
		 */
		void messageStarted();

		/**
		 * Called for every read from the socket.
		 * @param bytes how many bytes arrived
		 */
		void received(int bytes);

	}

	/**
	 * Reads from the socket with the right timeout.
	 */
	private static final class TimedSocketInput extends InputStream {

		private final Socket socket;

		private final InputStream input;

		private final Duration idleTimeout;

		private final Duration requestTimeout;

		private final int idleMillis;

		private final Listener listener;

		private boolean messageStarted;

		private long deadline;

		private int currentTimeout = -1;

		private boolean drained;

		TimedSocketInput(Socket socket, InputStream input, Duration idleTimeout, Duration requestTimeout,
				Listener listener) {
			this.socket = socket;
			this.input = input;
			this.idleTimeout = idleTimeout;
			this.requestTimeout = requestTimeout;
			this.idleMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, idleTimeout.toMillis()));
			this.listener = listener;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			setTimeout(timeout());
			int count;
			try {
				count = this.input.read(buffer, offset, length);
			}
			catch (SocketTimeoutException ex) {
				if (this.messageStarted && this.currentTimeout < this.idleMillis) {
					// the wait was cut to what was left of the request timeout
					throw new RequestTimeoutException(this.requestTimeout);
				}
				throw new IdleTimeoutException(this.idleTimeout, this.messageStarted);
			}
			// fewer bytes than asked: the socket had no more, no need to ask it (a
			// syscall) in available()
			this.drained = count < length;
			if (count > 0) {
				if (!this.messageStarted) {
					this.messageStarted = true;
					this.deadline = System.nanoTime() + this.requestTimeout.toNanos();
					this.listener.messageStarted();
				}
				this.listener.received(count);
			}
			return count;
		}

		private int timeout() throws RequestTimeoutException {
			if (!this.messageStarted) {
				return this.idleMillis;
			}
			long remaining = this.deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new RequestTimeoutException(this.requestTimeout);
			}
			return (int) Math.min(this.idleMillis, Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
		}

		private void setTimeout(int millis) throws IOException {
			if (millis != this.currentTimeout) {
				this.socket.setSoTimeout(millis);
				this.currentTimeout = millis;
			}
		}

		@Override
		public int available() throws IOException {
			return this.drained ? 0 : this.input.available();
		}

	}

}
