package dev.switchboard.chatclient;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The chat's WebSocket, kept open for the {@link Messenger}: opens it and signs in with
 * the token; when it closes unexpectedly (the server stopped or died, the network
 * dropped) opens a new one after a {@link Backoff}, signs in again with the same token,
 * joins the rooms again from the last message received ({@link Messenger#rejoinFrames()})
 * and then sends what the user typed meanwhile (at most {@link #MAX_QUEUED} frames).
 * <p>
 * It does not reconnect after the user's own close, nor after a refusal that would only
 * be refused again: an error answering the {@code auth} frame (an invalid token), a close
 * with 1008 (policy violation), a handshake answered 401 or 403. It gives up after the
 * attempts allowed in a row, and then {@link #awaitExit()} answers 1.
 * <p>
 * A network that drops without a word (no reset, no close) is noticed by pings: the link
 * pings the chat every ping interval, and a connection that heard nothing, not even a
 * pong, for three intervals counts as lost.
 */
final class ChatLink implements Messenger.Sender {

	/** How many frames typed while disconnected wait for the reconnection. */
	static final int MAX_QUEUED = 20;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http;

	private final URI chat;

	private final String token;

	private final int maxAttempts;

	private final Backoff backoff;

	private final Duration pingInterval;

	private final PrintStream out;

	private volatile Messenger messenger;

	/** Guards the current connection, whether it is live, and the queue. */
	private final Object lock = new Object();

	/** The connection being opened or open. */
	private Connection current;

	/** Whether the current connection is signed in with its rooms joined again. */
	private boolean live;

	/** Whether the user closed the connection. */
	private volatile boolean closing;

	/** What the user typed while disconnected, oldest first. */
	private final Deque<String> queued = new ArrayDeque<>();

	private final CompletableFuture<Integer> exit = new CompletableFuture<>();

	/**
	 * Create the link.
	 * @param http the HTTP client that opens the WebSockets
	 * @param options the chat's URL and how to reconnect
	 * @param token the user's token, sent on every connection
	 * @param out where the link tells the user what happens to the connection
	 */
	ChatLink(HttpClient http, ChatClientOptions options, String token, PrintStream out) {
		this.http = http;
		this.chat = options.chat();
		this.token = token;
		this.maxAttempts = options.reconnectAttempts();
		this.backoff = new Backoff(options.reconnectDelay());
		this.pingInterval = options.pingInterval();
		this.out = out;
	}

	/**
	 * Open the first connection and sign in; no reconnection is tried if it fails.
	 * @param messenger the messenger that frames go to
	 * @return whether the user is signed in (otherwise the reason was printed)
	 * @throws InterruptedException when interrupted
	 */
	boolean open(Messenger messenger) throws InterruptedException {
		this.messenger = messenger;
		try {
			goLive(connect());
			return true;
		}
		catch (Refused ex) {
			if (ex.getMessage() != null) {
				this.out.println("! The chat refused the connection (" + ex.getMessage() + ").");
			}
			return false;
		}
		catch (IOException ex) {
			this.out.println("! Cannot reach the chat at " + this.chat + ": " + ChatClient.describe(ex));
			return false;
		}
	}

	/**
	 * Wait until the user closes the link or it gives up.
	 * @return the exit code: 0 after the user's close, 1 after giving up
	 */
	int awaitExit() {
		return this.exit.join();
	}

	/**
	 * Return whether the link is done: closed by the user or given up.
	 * @return whether it is
	 */
	boolean isDone() {
		return this.exit.isDone();
	}

	/**
	 * Send a frame at once when connected; otherwise keep it for the reconnection, or
	 * tell the user it was not sent when too many are waiting.
	 */
	@Override
	public void send(String frame) {
		synchronized (this.lock) {
			if (this.live) {
				Connection connection = this.current;
				try {
					connection.send(frame);
					return;
				}
				catch (IOException ex) {
					// not sent: it waits for the next connection
					connection.ended(ChatClient.describe(ex), false);
					connection.abort();
				}
			}
			if (this.exit.isDone() || this.closing) {
				this.out.println("! Not sent: the connection is closed.");
			}
			else if (this.queued.size() >= MAX_QUEUED) {
				this.out.println("! Not connected: this was NOT sent (" + MAX_QUEUED
						+ " lines already wait for the reconnection). Type it again once reconnected.");
			}
			else {
				this.queued.addLast(frame);
				this.out.println(
						"! Not connected: this will be sent once reconnected (" + this.queued.size() + " waiting).");
			}
		}
	}

	/** Close the connection at the user's request: no reconnection. */
	@Override
	public void close() {
		Connection connection;
		synchronized (this.lock) {
			this.closing = true;
			if (!this.queued.isEmpty()) {
				this.out.println("! " + lines(this.queued.size()) + " typed while disconnected were not sent.");
				this.queued.clear();
			}
			connection = this.live ? this.current : null;
			this.live = false;
		}
		if (connection != null) {
			connection.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
				.orTimeout(2, TimeUnit.SECONDS)
				.exceptionally((ex) -> null)
				.join();
		}
		this.exit.complete(0);
	}

	/** Drop the connection at once, without reconnecting. */
	void abort() {
		Connection connection;
		synchronized (this.lock) {
			this.closing = true;
			this.live = false;
			connection = this.current;
		}
		this.exit.complete(1);
		if (connection != null) {
			connection.abort();
		}
	}

	/**
	 * Open a WebSocket, send the {@code auth} frame and wait for the welcome.
	 * @return the signed-in connection
	 */
	private Connection connect() throws IOException, Refused, InterruptedException {
		Connection connection = new Connection();
		try {
			connection.socket = this.http.newWebSocketBuilder()
				.connectTimeout(TIMEOUT)
				.buildAsync(this.chat, connection)
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof WebSocketHandshakeException handshake) {
				int status = handshake.getResponse().statusCode();
				if (status == 401 || status == 403) {
					throw new Refused("the handshake was answered " + status);
				}
				throw new IOException("the handshake was answered " + status, cause);
			}
			if (cause instanceof ConnectException && cause.getMessage() == null) {
				throw new IOException("cannot connect", cause);
			}
			throw new IOException(ChatClient.describe(cause), cause);
		}
		catch (TimeoutException ex) {
			throw new IOException("no answer within " + TIMEOUT.toSeconds() + " s", ex);
		}
		synchronized (this.lock) {
			if (this.closing || this.exit.isDone()) {
				connection.abort();
				throw new IOException("closed");
			}
			this.current = connection;
		}
		try {
			connection.send(Json.object("type", "auth", "token", this.token));
			connection.signedIn.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			return connection;
		}
		catch (ExecutionException ex) {
			connection.abort();
			if (ex.getCause() instanceof Refused refused) {
				throw refused;
			}
			throw new IOException(ChatClient.describe(ex.getCause()), ex.getCause());
		}
		catch (TimeoutException ex) {
			connection.abort();
			throw new IOException("no welcome within " + TIMEOUT.toSeconds() + " s", ex);
		}
	}

	/**
	 * Join the rooms again and send what waits, then let frames go out at once.
	 * @param connection the signed-in connection
	 * @return how many of the frames typed while disconnected were sent
	 */
	private int goLive(Connection connection) throws IOException {
		synchronized (this.lock) {
			if (this.closing || this.exit.isDone()) {
				connection.abort();
				throw new IOException("closed");
			}
			Set<String> joinedHere = new HashSet<>();
			for (String frame : this.messenger.rejoinFrames()) {
				connection.send(frame);
				joinedHere.add(room(frame));
			}
			int sent = 0;
			while (!this.queued.isEmpty()) {
				String frame = this.queued.peekFirst();
				String type = String.valueOf(Json.parseObject(frame).get("type"));
				if (type.equals("join")) {
					joinedHere.add(room(frame));
				}
				// a room left while disconnected was not joined again: nothing to leave
				if (!type.equals("leave") || joinedHere.remove(room(frame))) {
					connection.send(frame);
					sent++;
				}
				this.queued.removeFirst();
			}
			if (connection.closed) {
				throw new IOException(connection.why);
			}
			this.live = true;
			Thread.ofVirtual().name("chat-ping").start(() -> ping(connection));
			return sent;
		}
	}

	/**
	 * Ping a live connection every interval until it ends; end it when it heard nothing
	 * for three intervals.
	 */
	private void ping(Connection connection) {
		long silenceLimit = 3 * this.pingInterval.toNanos();
		try {
			while (!connection.closed && !this.exit.isDone()) {
				Thread.sleep(this.pingInterval);
				if (connection.closed || this.exit.isDone()) {
					return;
				}
				if (System.nanoTime() - connection.heardAt > silenceLimit) {
					connection.ended("no answer to pings for " + format(Duration.ofNanos(silenceLimit)), false);
					connection.abort();
					return;
				}
				// fails when a ping or pong is still being sent: the silence limit
				// decides
				connection.socket.sendPing(ByteBuffer.allocate(0));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The room of a join or leave frame, as the server names it: without one '#'. */
	private static String room(String frame) {
		String room = String.valueOf(Json.parseObject(frame).get("room"));
		return room.startsWith("#") ? room.substring(1) : room;
	}

	/**
	 * A connection ended: when it was the live one, reconnect (or give up at once after a
	 * refusal).
	 */
	private void lost(Connection connection, String why, boolean refused) {
		synchronized (this.lock) {
			lostLocked(connection, why, refused);
		}
	}

	private void lostLocked(Connection connection, String why, boolean refused) {
		if (connection != this.current || !this.live || this.closing || this.exit.isDone()) {
			return;
		}
		this.live = false;
		List<String> unconfirmed = connection.unconfirmed();
		if (refused) {
			this.out.println("! Connection closed (" + why + "): not reconnecting.");
			printUnconfirmed(unconfirmed);
			this.exit.complete(1);
			return;
		}
		Thread.ofVirtual().name("chat-reconnect").start(() -> reconnect(why, unconfirmed));
	}

	private void printUnconfirmed(List<String> texts) {
		for (String text : texts) {
			this.out.println("! Maybe not received (sent just before the connection was lost, and not confirmed; "
					+ "not sent again): " + TerminalText.visible(text));
		}
	}

	/** Try to reconnect, waiting longer before each attempt. */
	private void reconnect(String why, List<String> unconfirmed) {
		if (this.maxAttempts == 0) {
			this.out.println("! Connection lost (" + why + "): not reconnecting (--reconnect-attempts 0).");
			printUnconfirmed(unconfirmed);
			this.exit.complete(1);
			return;
		}
		String reason = "Connection lost (" + why + ")";
		String last = why;
		for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
			Duration delay = this.backoff.delay(attempt, ThreadLocalRandom.current().nextDouble());
			this.out.println("! " + reason + ": reconnecting in " + format(delay) + " (attempt " + attempt + " of "
					+ this.maxAttempts + ")...");
			if (attempt == 1) {
				printUnconfirmed(unconfirmed);
			}
			try {
				if (exitWithin(delay)) {
					return;
				}
				int sent = goLive(connect());
				if (sent > 0) {
					this.out.println("Sent the " + lines(sent) + " typed while disconnected.");
				}
				return;
			}
			catch (Refused ex) {
				this.out.println("! Signing in again was refused"
						+ ((ex.getMessage() != null) ? " (" + ex.getMessage() + ")" : "") + ": not reconnecting.");
				this.exit.complete(1);
				return;
			}
			catch (IOException ex) {
				last = ChatClient.describe(ex);
				reason = "Attempt " + attempt + " failed (" + last + ")";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		if (!this.closing && !this.exit.isDone()) {
			this.out.println("! Could not reconnect in " + this.maxAttempts + " attempts (the last one: " + last
					+ "): giving up. Start the client again once the chat is back.");
			this.exit.complete(1);
		}
	}

	/** Wait, unless the link is done first: then answer {@code true}. */
	private boolean exitWithin(Duration delay) throws InterruptedException {
		try {
			this.exit.get(delay.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return this.closing;
		}
		catch (ExecutionException ex) {
			return true;
		}
	}

	private static String format(Duration delay) {
		long millis = delay.toMillis();
		return (millis < 1000) ? millis + " ms" : "%.1f s".formatted(millis / 1000.0);
	}

	private static String lines(int count) {
		return (count == 1) ? "1 line" : count + " lines";
	}

	/**
	 * An answer that the same attempt would get again: not worth reconnecting for.
	 */
	private static final class Refused extends Exception {

		Refused(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * One WebSocket: hands each whole text frame to the messenger, tells when it is
	 * signed in, and when it ends.
	 */
	private final class Connection implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		private final CompletableFuture<Void> signedIn = new CompletableFuture<>();

		/** Ref to text of the lines sent and not yet acknowledged, oldest first. */
		private final Map<String, String> pending = Collections.synchronizedMap(new LinkedHashMap<>());

		private volatile WebSocket socket;

		private volatile boolean closed;

		private volatile String why;

		/** When the connection last heard from the chat: a frame, a ping or a pong. */
		private volatile long heardAt = System.nanoTime();

		@Override
		public void onOpen(WebSocket webSocket) {
			this.socket = webSocket;
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			// the WebSocket answers it with a pong
			this.heardAt = System.nanoTime();
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			this.heardAt = System.nanoTime();
			webSocket.request(1);
			return null;
		}

		/** Send a frame, waiting until it is written. */
		void send(String frame) throws IOException {
			Map<String, Object> members = Json.parseObject(frame);
			if (members.get("ref") != null && members.get("text") != null) {
				this.pending.put(String.valueOf(members.get("ref")), String.valueOf(members.get("text")));
			}
			try {
				this.socket.sendText(frame, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
			}
			catch (CompletionException | IllegalStateException ex) {
				this.pending.remove(String.valueOf(members.get("ref")));
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				throw new IOException("sending failed: " + ChatClient.describe(cause), cause);
			}
		}

		List<String> unconfirmed() {
			synchronized (this.pending) {
				List<String> texts = new ArrayList<>(this.pending.values());
				this.pending.clear();
				return texts;
			}
		}

		void abort() {
			WebSocket webSocket = this.socket;
			if (webSocket != null) {
				webSocket.abort();
			}
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.heardAt = System.nanoTime();
			this.text.append(data);
			if (last) {
				String frame = this.text.toString();
				this.text.setLength(0);
				try {
					onFrame(Json.parseObject(frame));
				}
				catch (IllegalArgumentException ex) {
					ChatLink.this.out.println("! Unreadable frame from the server: " + ChatClient.describe(ex));
				}
			}
			webSocket.request(1);
			return null;
		}

		private void onFrame(Map<String, Object> frame) {
			if (frame.get("ref") != null) {
				this.pending.remove(String.valueOf(frame.get("ref")));
			}
			Object type = frame.get("type");
			ChatLink.this.messenger.onFrame(frame);
			if ("welcome".equals(type)) {
				this.signedIn.complete(null);
			}
			else if ("error".equals(type)) {
				// an error before the welcome answers the auth frame: an invalid token
				this.signedIn.completeExceptionally(new Refused(null));
			}
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			ended("closed by the server: " + statusCode
					+ ((reason == null || reason.isEmpty()) ? "" : " " + TerminalText.visible(reason)),
					statusCode == 1008);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			ended(ChatClient.describe(error), false);
		}

		private void ended(String why, boolean refused) {
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.why = why;
				this.closed = true;
			}
			this.signedIn.completeExceptionally(refused ? new Refused(why) : new IOException(why));
			lost(this, why, refused);
		}

	}

}
