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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

	private ChatClient(ChatClientOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	public static void main(String[] args) {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		System.exit(run(args, System.getenv(), System.in, out));
	}

	/**
	 * Run the messenger until {@code /quit}, the end of the input, or a connection lost
	 * for good (refused, or not back after the reconnection attempts).
	 * @param args the command line
	 * @param environment the environment variables
	 * @param in what the user types
	 * @param out where the messenger writes
	 * @return the exit code: 0 after {@code /quit} or the end of the input, 1 when the
	 * connection could not be opened or was lost for good, 2 for bad options
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
		ChatLink link = null;
		try {
			String token = (this.options.token() != null) ? this.options.token() : signUp(keyboard);
			if (token == null) {
				return 1;
			}
			link = new ChatLink(this.http, this.options, token, this.out);
			Messenger messenger = new Messenger(this.out, link, this::userExists);
			if (!link.open(messenger)) {
				return 1;
			}
			ChatLink opened = link;
			Thread.ofPlatform().daemon().name("chat-keyboard").start(() -> readKeyboard(keyboard, messenger, opened));
			return link.awaitExit();
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
			if (link != null) {
				link.abort();
			}
		}
	}

	/**
	 * Hand what the user types to the messenger until {@code /quit} or the end of the
	 * input, which close the link; while the link reconnects, the messenger's frames wait
	 * in it.
	 */
	private void readKeyboard(BufferedReader keyboard, Messenger messenger, ChatLink link) {
		boolean interactive = System.console() != null;
		while (!link.isDone()) {
			if (interactive) {
				this.out.print("> ");
				this.out.flush();
			}
			String line;
			try {
				line = keyboard.readLine();
			}
			catch (IOException ex) {
				line = null;
			}
			if (link.isDone()) {
				return;
			}
			if (line == null) {
				messenger.onLine("/quit");
				return;
			}
			if (!messenger.onLine(line)) {
				return;
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
	static String describe(Throwable ex) {
		return TerminalText.visible((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
	}

}
