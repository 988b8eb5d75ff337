package dev.switchboard.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A chat client of {@code /ws/chat} through the gateway, as the web page is: it sends the
 * page's {@code Origin}, keeps every frame it receives, and can reconnect after a drop.
 */
final class ChatSocket implements AutoCloseable {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<JsonNode> frames = new ArrayList<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private ChatSocket(String gatewayUrl) {
		URI uri = URI.create(gatewayUrl.replaceFirst("^http", "ws") + "/ws/chat");
		try {
			this.socket = client.newWebSocketBuilder()
				.header("Origin", gatewayUrl)
				.connectTimeout(Duration.ofSeconds(5))
				.buildAsync(uri, new Listener())
				.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot open " + uri + ": " + ex, ex);
		}
	}

	static ChatSocket open(String gatewayUrl) {
		return new ChatSocket(gatewayUrl);
	}

	/**
	 * Open a socket as the web page does after a drop: try again every half second until
	 * it connects or the time is up.
	 * @param gatewayUrl the gateway
	 * @param timeout the longest wait
	 * @return the socket
	 */
	static ChatSocket reconnect(String gatewayUrl, Duration timeout) {
		AtomicReference<RuntimeException> last = new AtomicReference<>();
		try {
			return Awaitility.await()
				.atMost(timeout)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> tryToOpen(gatewayUrl, last), Objects::nonNull);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Could not reconnect to the chat within " + timeout, last.get());
		}
	}

	private static @Nullable ChatSocket tryToOpen(String gatewayUrl, AtomicReference<RuntimeException> last) {
		try {
			return new ChatSocket(gatewayUrl);
		}
		catch (RuntimeException ex) {
			last.set(ex);
			return null;
		}
	}

	/**
	 * Sign in with a token and wait for the welcome.
	 * @param token the user's token
	 * @return the welcome frame
	 */
	JsonNode signIn(String token) {
		send(Map.of("type", "auth", "token", token));
		return await((frame) -> type(frame, "welcome") || type(frame, "error"), Duration.ofSeconds(15));
	}

	/**
	 * Join a room and wait for its history.
	 * @param room the room
	 * @return the history frame
	 */
	JsonNode join(String room) {
		send(Map.of("type", "join", "room", room));
		return await((frame) -> type(frame, "history") && room.equals(frame.path("room").asString()),
				Duration.ofSeconds(15));
	}

	/**
	 * Join a room asking for what was said after a message, as a client that reconnects
	 * does, and wait for that history.
	 * @param room the room
	 * @param since the id of the last message the client has
	 * @return the history frame
	 */
	JsonNode join(String room, long since) {
		send(Map.of("type", "join", "room", room, "since", since));
		return await((frame) -> type(frame, "history") && room.equals(frame.path("room").asString()),
				Duration.ofSeconds(15));
	}

	/**
	 * Ask who is online and wait for the answer.
	 * @return the nicknames online, as the server listed them
	 */
	List<String> who() {
		String ref = "who-" + System.nanoTime();
		send(Map.of("type", "who", "ref", ref));
		JsonNode answer = await((frame) -> type(frame, "presence") && ref.equals(frame.path("ref").asString()),
				Duration.ofSeconds(15));
		List<String> online = new ArrayList<>();
		answer.path("online").forEach((nickname) -> online.add(nickname.asString()));
		return online;
	}

	/**
	 * Return the ids of the room messages received live (history excluded), in the order
	 * they arrived.
	 * @param room the room
	 * @return their ids
	 */
	List<Long> messageIds(String room) {
		return frames().stream()
			.filter((frame) -> type(frame, "message") && room.equals(frame.path("room").asString()))
			.map((frame) -> frame.path("id").asLong())
			.toList();
	}

	/**
	 * Send a frame and wait until it is sent: one at a time, since the JDK's WebSocket
	 * refuses a send while another is pending (a test's load and its checks share
	 * sockets).
	 */
	synchronized void send(Map<String, ?> frame) {
		try {
			this.socket.sendText(SuiteHttp.JSON.writeValueAsString(frame), true).get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot send " + frame, ex);
		}
	}

	/**
	 * Wait for the first frame received (since the socket opened) that matches.
	 * @param matching what to wait for
	 * @param timeout the longest wait
	 * @return the frame
	 */
	JsonNode await(Predicate<JsonNode> matching, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		synchronized (this.frames) {
			while (true) {
				for (JsonNode frame : this.frames) {
					if (matching.test(frame)) {
						return frame;
					}
				}
				long left = Duration.between(Instant.now(), deadline).toMillis();
				if (left <= 0) {
					throw new AssertionError("No matching frame within " + timeout + "; received: " + this.frames);
				}
				try {
					this.frames.wait(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	List<JsonNode> frames() {
		synchronized (this.frames) {
			return List.copyOf(this.frames);
		}
	}

	boolean isClosed() {
		return this.closed.isDone();
	}

	/**
	 * Wait until the server closes the socket (or it drops).
	 * @param timeout the longest wait
	 * @return the close status code, or -1 when the connection dropped without one
	 */
	int awaitClose(Duration timeout) {
		try {
			return this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException | CompletionException ex) {
			throw new AssertionError("The chat socket was not closed within " + timeout, ex);
		}
	}

	@Override
	public void close() {
		if (!this.closed.isDone()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
		}
		this.socket.abort();
	}

	static boolean type(JsonNode frame, String type) {
		return type.equals(frame.path("type").asString());
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				JsonNode frame = SuiteHttp.JSON.readTree(this.text.toString());
				this.text.setLength(0);
				synchronized (ChatSocket.this.frames) {
					ChatSocket.this.frames.add(frame);
					ChatSocket.this.frames.notifyAll();
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			ChatSocket.this.closed.complete(statusCode);
			wake();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			ChatSocket.this.closed.complete(-1);
			wake();
		}

		private void wake() {
			synchronized (ChatSocket.this.frames) {
				ChatSocket.this.frames.notifyAll();
			}
		}

	}

}
