package dev.switchboard.messaging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client of the chat (the JDK's), recording every frame it receives. A
 * client opened with {@code reading = false} stops reading after its first frame, like a
 * client that cannot keep up.
 */
public final class ChatTestClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.shared();

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private volatile String closeReason;

	private final WebSocket socket;

	private final Listener listener;

	private ChatTestClient(URI uri, Map<String, String> headers, boolean reading) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		this.listener = new Listener(reading);
		this.socket = builder.buildAsync(uri, this.listener).orTimeout(10, TimeUnit.SECONDS).join();
	}

	/**
	 * Open a connection.
	 * @param uri the chat's URI
	 * @return the client
	 */
	public static ChatTestClient open(URI uri) {
		return new ChatTestClient(uri, Map.of(), true);
	}

	/**
	 * Open a connection with extra handshake headers.
	 * @param uri the chat's URI
	 * @param headers the headers, such as {@code Origin}
	 * @return the client
	 */
	public static ChatTestClient open(URI uri, Map<String, String> headers) {
		return new ChatTestClient(uri, headers, true);
	}

	/**
	 * Open a connection that reads nothing after the first frame it receives.
	 * @param uri the chat's URI
	 * @return the client
	 */
	public static ChatTestClient openNotReading(URI uri) {
		return new ChatTestClient(uri, Map.of(), false);
	}

	/**
	 * Open a connection and authenticate, consuming the welcome frame.
	 * @param uri the chat's URI
	 * @param token the token
	 * @return the client, signed in
	 */
	public static ChatTestClient signedIn(URI uri, String token) {
		ChatTestClient client = open(uri);
		client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
		client.next("welcome");
		return client;
	}

	public ChatTestClient send(String frame) {
		this.socket.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
		return this;
	}

	/**
	 * Make a client opened not reading read again, from the first frame it left unread.
	 */
	public void resumeReading() {
		this.listener.reading = true;
		this.socket.request(1);
	}

	/**
	 * Return the next frame, failing after a timeout.
	 * @return the frame
	 */
	public JsonNode next() {
		try {
			JsonNode frame = this.frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (frame == null) {
				throw new AssertionError("No frame within " + TIMEOUT);
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the next frame, failing unless it has the given type; presence announcements
	 * ({@code joined}/{@code left}) are skipped unless the type is {@code presence}.
	 * @param type the expected type
	 * @return the frame
	 */
	public JsonNode next(String type) {
		JsonNode frame = next();
		while (!"presence".equals(type) && isAnnouncement(frame)) {
			// people coming and going (other tests' clients too) are announced at any
			// time
			frame = next();
		}
		if (!type.equals(frame.path("type").asString())) {
			throw new AssertionError("Expected a " + type + " frame, got " + frame);
		}
		return frame;
	}

	private static boolean isAnnouncement(JsonNode frame) {
		return "presence".equals(frame.path("type").asString()) && !frame.has("online");
	}

	/**
	 * Skip frames until one matches, failing after a timeout.
	 * @param condition what the frame must satisfy
	 * @return the matching frame
	 */
	public JsonNode nextMatching(Predicate<JsonNode> condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode frame = next();
			if (condition.test(frame)) {
				return frame;
			}
		}
		throw new AssertionError("No matching frame within " + TIMEOUT);
	}

	/**
	 * Return the next frame of a type, skipping others.
	 * @param type the type
	 * @return the frame
	 */
	public JsonNode nextOfType(String type) {
		return nextMatching((frame) -> type.equals(frame.path("type").asString()));
	}

	/**
	 * Return the frames received and not consumed yet, without waiting.
	 * @return the frames
	 */
	public java.util.List<JsonNode> drain() {
		java.util.List<JsonNode> drained = new java.util.ArrayList<>();
		this.frames.drainTo(drained);
		return drained;
	}

	/**
	 * Wait until the server closes the connection.
	 * @return the close status code
	 */
	public int awaitClose() {
		return this.closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/**
	 * Return the reason of the server's close frame, once {@link #awaitClose()} returned.
	 * @return the reason, or {@code null}
	 */
	public String closeReason() {
		return this.closeReason;
	}

	public boolean isClosed() {
		return this.closed.isDone() || this.socket.isInputClosed();
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally((ex) -> null);
		}
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private volatile boolean reading;

		private final StringBuilder text = new StringBuilder();

		Listener(boolean reading) {
			this.reading = reading;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				ChatTestClient.this.frames.add(json.readTree(this.text.toString()));
				this.text.setLength(0);
			}
			if (this.reading || !last) {
				webSocket.request(1);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			ChatTestClient.this.closeReason = reason;
			ChatTestClient.this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			ChatTestClient.this.closed.complete(-1);
		}

	}

}
