package dev.switchboard.messaging.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.switchboard.socket.server.SocketConnection;

/**
 * The lines waiting to be sent to one TCP chat client, written in order by a virtual
 * thread of the connection's own: whoever sends a line never waits for the client. A
 * client that lets more than the limit pile up (it does not read) is disconnected.
 */
final class TcpOutbox {

	private static final Log logger = LogFactory.getLog(TcpOutbox.class);

	private static final byte[] END = new byte[0];

	private final SocketConnection connection;

	private final int limitBytes;

	private final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();

	private final AtomicInteger queuedBytes = new AtomicInteger();

	private final Thread writer;

	private volatile boolean closed;

	TcpOutbox(SocketConnection connection, int limitBytes) {
		this.connection = connection;
		this.limitBytes = limitBytes;
		this.writer = Thread.ofVirtual().name("tcp-chat-writer").start(this::write);
	}

	/**
	 * Queue a line; the line feed is added.
	 * @param line the line, without line breaks
	 */
	void send(String line) {
		if (this.closed) {
			return;
		}
		byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
		if (this.queuedBytes.addAndGet(bytes.length) > this.limitBytes) {
			logger.info("Disconnecting a TCP chat client that cannot keep up (" + this.connection.remoteAddress()
					+ "): more than " + this.limitBytes + " bytes wait for it");
			close();
			return;
		}
		this.lines.add(bytes);
	}

	/**
	 * Send what is queued, for at most the given time, then stop.
	 * @param timeout how long the queued lines may take
	 */
	void finish(Duration timeout) {
		this.lines.add(END);
		try {
			if (!this.writer.join(timeout)) {
				close();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stop at once, dropping what is queued, and close the connection. */
	void close() {
		this.closed = true;
		this.writer.interrupt();
		this.connection.close();
	}

	private void write() {
		try {
			while (!this.closed) {
				byte[] line = this.lines.poll(1, TimeUnit.DAYS);
				if (line == null) {
					continue;
				}
				if (line == END) {
					return;
				}
				this.connection.write(line);
				this.queuedBytes.addAndGet(-line.length);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			this.closed = true;
			this.connection.close();
		}
	}

}
