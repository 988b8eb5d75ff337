package dev.switchboard.socket.virtualthreads;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.switchboard.socket.framing.FramingException;
import dev.switchboard.socket.server.PortInUseException;
import dev.switchboard.socket.server.SocketHandler;
import dev.switchboard.socket.server.SocketServerException;
import dev.switchboard.socket.server.SocketServerSettings;
import dev.switchboard.socket.server.Transport;

/**
 * The TCP side of a server: a platform thread accepts, each connection runs its handler
 * on a virtual thread of its own, and a watchdog closes connections whose client read
 * nothing for the write timeout. New sockets are closed at once while the server is full
 * or stopping.
 */
final class TcpListener {

	private static final Log logger = LogFactory.getLog(TcpListener.class);

	private static final Duration ACCEPT_FAILURE_PAUSE = Duration.ofMillis(100);

	private static final Duration MAX_WATCHDOG_PERIOD = Duration.ofSeconds(1);

	private static final Duration MIN_WATCHDOG_PERIOD = Duration.ofMillis(10);

	private final SocketServerSettings settings;

	private final SocketHandler handler;

	private final ServerCounters counters;

	private final ThreadFactory connectionThreads;

	private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();

	private final Object drained = new Object();

	private volatile boolean stopping;

	private volatile boolean forcing;

	private ServerSocket serverSocket;

	private Thread acceptor;

	private Thread watchdog;

	TcpListener(SocketServerSettings settings, SocketHandler handler, ServerCounters counters) {
		this.settings = settings;
		this.handler = handler;
		this.counters = counters;
		this.connectionThreads = Thread.ofVirtual().name("socket-" + settings.getName() + "-", 0).factory();
	}

	/**
	 * Bind the port, without accepting yet.
	 * @param port the port, 0 for any free one
	 * @return the bound address
	 */
	InetSocketAddress bind(int port) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			try {
				socket.bind(new InetSocketAddress(this.settings.getAddress(), port), this.settings.getBacklog());
			}
			catch (IOException ex) {
				socket.close();
				throw ex;
			}
			this.serverSocket = socket;
			return (InetSocketAddress) socket.getLocalSocketAddress();
		}
		catch (BindException ex) {
			throw new PortInUseException(this.settings.getName(), port, Transport.TCP, ex);
		}
		catch (IOException ex) {
			throw new SocketServerException(
					"Socket server '" + this.settings.getName() + "' cannot listen on TCP port " + port, ex);
		}
	}

	void start() {
		this.acceptor = Thread.ofPlatform()
			.name("socket-" + this.settings.getName() + "-acceptor")
			.daemon()
			.start(this::acceptLoop);
		this.watchdog = Thread.ofVirtual().name("socket-" + this.settings.getName() + "-watchdog").start(this::watch);
	}

	String serverName() {
		return this.settings.getName();
	}

	boolean isStopping() {
		return this.stopping;
	}

	boolean isForcing() {
		return this.forcing;
	}

	private void acceptLoop() {
		while (!this.stopping) {
			Socket socket;
			try {
				socket = this.serverSocket.accept();
			}
			catch (IOException ex) {
				if (!this.stopping) {
					acceptFailed(ex);
				}
				continue;
			}
			if (this.stopping || !this.counters.tryAccept(this.settings.getMaxConnections())) {
				if (this.stopping) {
					this.counters.rejected();
				}
				closeQuietly(socket);
				continue;
			}
			try {
				this.connectionThreads.newThread(() -> serve(socket)).start();
			}
			catch (RuntimeException | OutOfMemoryError ex) {
				this.counters.error();
				connectionEnded();
				closeQuietly(socket);
				logger.warn("Socket server '" + serverName() + "' could not start a thread for a connection", ex);
			}
		}
	}

	private void acceptFailed(IOException ex) {
		// e.g. too many open files: keep the loop alive, without spinning
		this.counters.error();
		logger.warn("Socket server '" + serverName() + "' failed to accept a connection: " + ex.getMessage());
		try {
			Thread.sleep(ACCEPT_FAILURE_PAUSE);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void serve(Socket socket) {
		TcpConnection connection = null;
		try {
			connection = new TcpConnection(socket, this, this.settings, this.counters);
			this.connections.add(connection);
			this.handler.handle(connection);
		}
		catch (IOException ex) {
			if (connection == null || !connection.wasClosedByServer() || this.forcing) {
				this.counters.error();
				logClientFailure(socket, ex);
			}
		}
		catch (RuntimeException | Error ex) {
			this.counters.error();
			logger.warn("Handler of socket server '" + serverName() + "' failed on the connection from "
					+ socket.getRemoteSocketAddress(), ex);
		}
		finally {
			if (connection != null) {
				connection.finish();
				this.connections.remove(connection);
			}
			else {
				closeQuietly(socket);
			}
			connectionEnded();
		}
	}

	private void logClientFailure(Socket socket, IOException ex) {
		if (logger.isDebugEnabled()) {
			String kind = (ex instanceof FramingException || ex instanceof java.net.SocketTimeoutException) ? "rejected"
					: "failed";
			logger.debug("Connection from " + socket.getRemoteSocketAddress() + " to socket server '" + serverName()
					+ "' " + kind + ": " + ex.getMessage());
		}
	}

	private void connectionEnded() {
		if (this.counters.connectionEnded() == 0 && this.stopping) {
			synchronized (this.drained) {
				this.drained.notifyAll();
			}
		}
	}

	private void watch() {
		Duration writeTimeout = this.settings.getWriteTimeout();
		long stall = writeTimeout.toNanos();
		// a quarter of the timeout, so that a stalled client is closed soon after it
		Duration period = Duration
			.ofNanos(Math.clamp(stall / 4, MIN_WATCHDOG_PERIOD.toNanos(), MAX_WATCHDOG_PERIOD.toNanos()));
		while (!this.stopping) {
			try {
				Thread.sleep(period);
			}
			catch (InterruptedException ex) {
				return;
			}
			long now = System.nanoTime();
			for (TcpConnection connection : this.connections) {
				if (connection.isWriteStalled(stall, now)) {
					connection.closeStalled(writeTimeout);
				}
			}
		}
	}

	/**
	 * Stop accepting, close the connections waiting for a message, let the others finish
	 * within the timeout, then close them.
	 * @param timeout how long in-flight requests may take to finish
	 * @return how many connections were still busy at the timeout
	 */
	int stop(Duration timeout) {
		this.stopping = true;
		closeQuietly(this.serverSocket);
		if (this.watchdog != null) {
			this.watchdog.interrupt();
		}
		for (TcpConnection connection : this.connections) {
			connection.closeIfWaiting();
		}
		if (awaitDrained(timeout)) {
			return 0;
		}
		this.forcing = true;
		int busy = this.counters.activeConnections();
		for (TcpConnection connection : this.connections) {
			connection.close();
		}
		awaitDrained(Duration.ofSeconds(1));
		return busy;
	}

	private boolean awaitDrained(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.drained) {
			while (this.counters.activeConnections() > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				try {
					this.drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (IOException ex) {
			// nothing left to release
		}
	}

}
