package dev.switchboard.chatclient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the client connects and who it signs in as, from the command line or the
 * environment ({@code --url} / {@code SWITCHBOARD_CHAT_URL}, {@code --token} /
 * {@code SWITCHBOARD_CHAT_TOKEN}, {@code --nickname} /
 * {@code SWITCHBOARD_CHAT_NICKNAME}), and how it reconnects
 * ({@code --reconnect-attempts}, {@code --reconnect-delay}, {@code --ping-interval}).
 *
 * @param chat the WebSocket chat's URL, through the gateway by default
 * @param token the user's token, or {@code null} to sign up
 * @param nickname the nickname to sign up with, or {@code null} to ask for one
 * @param reconnectAttempts how many times in a row to try to reconnect after the
 * connection is lost, 0 for never
 * @param reconnectDelay the wait before the first attempt, doubled at each one up to
 * {@link Backoff#MAX_DELAY}
 * @param pingInterval how often to ping the chat; a connection that heard nothing for
 * three intervals counts as lost
 */
record ChatClientOptions(URI chat, String token, String nickname, int reconnectAttempts, Duration reconnectDelay,
		Duration pingInterval) {

	/** The gateway of a local run or of docker compose. */
	static final String DEFAULT_URL = "ws://localhost:8080/ws/chat";

	static final int DEFAULT_RECONNECT_ATTEMPTS = 10;

	static final int MAX_RECONNECT_ATTEMPTS = 1000;

	static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofMillis(500);

	static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

	static final String USAGE = """
			Usage: java -jar chat-client.jar [--url ws://host:8080/ws/chat] [--token TOKEN | --nickname NAME]
			                                 [--reconnect-attempts N] [--reconnect-delay MILLISECONDS]
			                                 [--ping-interval MILLISECONDS]
			  --url       the chat, through the gateway (env SWITCHBOARD_CHAT_URL, default %s)
			  --token     sign in with your token (env SWITCHBOARD_CHAT_TOKEN)
			  --nickname  sign up under this nickname (env SWITCHBOARD_CHAT_NICKNAME); without a token
			              or a nickname the client asks for a nickname and signs you up
			  --reconnect-attempts  when the connection is lost, how many times in a row to try to
			              reconnect before giving up with exit code 1 (default %d, 0: never, at most %d)
			  --reconnect-delay     the wait before the first attempt in milliseconds (default %d), doubled
			              at each attempt up to %d s, each wait cut by a random share of up to half
			  --ping-interval       how often to ping the chat in milliseconds (default %d): a connection
			              that heard nothing for three intervals counts as lost (a silent network drop)
			Once reconnected the client signs in again with the same token and joins its rooms again,
			showing only the messages it missed; what you type meanwhile is sent then (at most %d lines).
			What others send is printed with its control characters made visible, as cat -v shows
			them (ESC as ^[, a line feed inside a message as ^J, C1 controls as M-^[), and without
			bidi overrides or isolates: a message cannot move the cursor, clear or retitle the
			terminal, or fake a line.""".formatted(DEFAULT_URL, DEFAULT_RECONNECT_ATTEMPTS, MAX_RECONNECT_ATTEMPTS,
			DEFAULT_RECONNECT_DELAY.toMillis(), Backoff.MAX_DELAY.toSeconds(), DEFAULT_PING_INTERVAL.toMillis(),
			ChatLink.MAX_QUEUED);

	static ChatClientOptions parse(String[] args, Map<String, String> environment) {
		String url = environment.getOrDefault("SWITCHBOARD_CHAT_URL", DEFAULT_URL);
		String token = environment.get("SWITCHBOARD_CHAT_TOKEN");
		String nickname = environment.get("SWITCHBOARD_CHAT_NICKNAME");
		int reconnectAttempts = DEFAULT_RECONNECT_ATTEMPTS;
		Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
		Duration pingInterval = DEFAULT_PING_INTERVAL;
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (name.equals("--help") || name.equals("-h")) {
				throw new IllegalArgumentException("");
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Missing value after " + name);
			}
			String value = args[++i];
			switch (name) {
				case "--url" -> url = value;
				case "--token" -> token = value;
				case "--nickname" -> nickname = value;
				case "--reconnect-attempts" -> reconnectAttempts = number(name, value, 0, MAX_RECONNECT_ATTEMPTS);
				case "--reconnect-delay" ->
					reconnectDelay = Duration.ofMillis(number(name, value, 1, (int) Backoff.MAX_DELAY.toMillis()));
				case "--ping-interval" -> pingInterval = Duration.ofMillis(number(name, value, 10, 600_000));
				default -> throw new IllegalArgumentException("Unknown option " + name);
			}
		}
		URI chat = URI.create(url);
		if (!"ws".equals(chat.getScheme()) && !"wss".equals(chat.getScheme())) {
			throw new IllegalArgumentException("The URL must start with ws:// or wss://, got " + url);
		}
		return new ChatClientOptions(chat, blankToNull(token), blankToNull(nickname), reconnectAttempts, reconnectDelay,
				pingInterval);
	}

	private static int number(String name, String value, int min, int max) {
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new IllegalArgumentException(
				name + " takes a whole number from " + min + " to " + max + ", got " + value);
	}

	/**
	 * Return the URL of the users API next to the chat ({@code ws://host/ws/chat} gives
	 * {@code http://host/api/users}).
	 * @return the users URL
	 */
	URI users() {
		URI resolved = this.chat.resolve("../api/users");
		String scheme = "wss".equals(this.chat.getScheme()) ? "https" : "http";
		return URI.create(scheme + resolved.toString().substring(resolved.getScheme().length()));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
