package dev.switchboard.chatclient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The terminal messenger of the course, over Switchboard's WebSocket chat: signs up (or
 * in with a token), then reads commands and messages from the keyboard while printing
 * what arrives.
 */
public final class ChatClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ChatClientOptions options;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final PrintStream out;

	private volatile boolean closedByServer;

	private ChatClient(ChatClientOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static void main(String[] args) {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		System.exit(run(args, System.getenv(), System.in, out));
	}

	/**
	 * Run the messenger until {@code /quit}, the end of the input or a closed connection.
	 * @param args the command line
	 * @param environment the environment variables
	 * @param in what the user types
	 * @param out where the messenger writes
	 * @return the exit code: 0 after {@code /quit} or the end of the input
	 */
	public static int run(String[] args, Map<String, String> environment, InputStream in, PrintStream out) {
		ChatClientOptions options;
		try {
			options = ChatClientOptions.parse(args, environment);
		}
		catch (IllegalArgumentException ex) {
			if (!ex.getMessage().isEmpty()) {
				out.println("! " + ex.getMessage());
			}
			out.println(ChatClientOptions.USAGE);
			return 2;
		}
		BufferedReader keyboard = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		return new ChatClient(options, out).run(keyboard);
	}

	private int run(BufferedReader keyboard) {
		this.out.println("Welcome to Messenger !");
		WebSocket socket = null;
		try {
			String token = (this.options.token() != null) ? this.options.token() : signUp(keyboard);
			if (token == null) {
				return 1;
			}
			SocketSender sender = new SocketSender();
			Messenger messenger = new Messenger(this.out, sender, this::userExists);
			socket = this.http.newWebSocketBuilder()
				.connectTimeout(TIMEOUT)
				.buildAsync(this.options.chat(), new Listener(messenger))
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			sender.socket = socket;
			sender.send(Json.object("type", "auth", "token", token));
			messenger.welcomed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			return readKeyboard(keyboard, messenger);
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (!(cause instanceof IllegalStateException)) {
				this.out.println("! Cannot reach the chat at " + this.options.chat() + ": " + describe(cause));
			}
			return 1;
		}
		catch (IOException ex) {
			this.out.println("! " + describe(ex));
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
		finally {
			if (socket != null) {
				socket.abort();
			}
		}
	}

	private int readKeyboard(BufferedReader keyboard, Messenger messenger) throws IOException {
		boolean interactive = System.console() != null;
		while (true) {
			if (interactive) {
				this.out.print("> ");
				this.out.flush();
			}
			String line = keyboard.readLine();
			if (this.closedByServer) {
				return 1;
			}
			if (line == null) {
				messenger.onLine("/quit");
				return 0;
			}
			if (!messenger.onLine(line)) {
				return 0;
			}
		}
	}

	private String signUp(BufferedReader keyboard) throws IOException, InterruptedException {
		String nickname = this.options.nickname();
		if (nickname == null) {
			this.out.print("Nickname: ");
			this.out.flush();
			nickname = keyboard.readLine();
			if (nickname == null || nickname.isBlank()) {
				this.out.println("! A nickname is needed to sign up (or start with --token).");
				return null;
			}
		}
		HttpRequest request = HttpRequest.newBuilder(this.options.users())
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Json.object("nickname", nickname.strip())))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		Map<String, Object> body = Json.parseObject(response.body());
		if (response.statusCode() != 201) {
			this.out.println(
					"! Sign-up refused: " + TerminalText.visible(body.getOrDefault("detail", response.statusCode())));
			return null;
		}
		String token = String.valueOf(body.get("token"));
		this.out.println("Signed up as " + TerminalText.visible(body.get("nickname"))
				+ ". Your token, shown only once: " + TerminalText.visible(token));
		this.out.println("  (next time: java -jar chat-client.jar --token " + TerminalText.visible(token) + ")");
		return token;
	}

	private boolean userExists(String nickname) {
		URI uri = URI.create(this.options.users() + "?nickname=" + URLEncoder.encode(nickname, StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && Json.parse(response.body()) instanceof List<?> users
					&& !users.isEmpty();
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** An error's message, which may quote what the server sent, as it may be printed. */
	private static String describe(Throwable ex) {
		return TerminalText.visible((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
	}

	/** Sends the messenger's frames on the socket, one at a time. */
	private static final class SocketSender implements Messenger.Sender {

		private volatile WebSocket socket;

		@Override
		public synchronized void send(String frame) {
			this.socket.sendText(frame, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
		}

		@Override
		public void close() {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
				.orTimeout(2, TimeUnit.SECONDS)
				.exceptionally((ex) -> null)
				.join();
		}

	}

	/** Hands each whole text frame to the messenger. */
	private final class Listener implements WebSocket.Listener {

		private final Messenger messenger;

		private final StringBuilder text = new StringBuilder();

		Listener(Messenger messenger) {
			this.messenger = messenger;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				String frame = this.text.toString();
				this.text.setLength(0);
				try {
					this.messenger.onFrame(Json.parseObject(frame));
				}
				catch (IllegalArgumentException ex) {
					ChatClient.this.out.println("! Unreadable frame from the server: " + describe(ex));
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			if (statusCode != WebSocket.NORMAL_CLOSURE) {
				ChatClient.this.closedByServer = true;
				ChatClient.this.out.println("! The server closed the connection (" + statusCode
						+ ((reason == null || reason.isEmpty()) ? "" : ": " + TerminalText.visible(reason))
						+ "). Press Enter to exit.");
			}
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			ChatClient.this.closedByServer = true;
			ChatClient.this.out.println("! Connection lost: " + describe(error) + ". Press Enter to exit.");
		}

	}

}
