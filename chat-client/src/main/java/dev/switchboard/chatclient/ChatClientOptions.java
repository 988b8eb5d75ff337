package dev.switchboard.chatclient;

import java.net.URI;
import java.util.Map;

/**
 * Where the client connects and who it signs in as, from the command line or the
 * environment ({@code --url} / {@code SWITCHBOARD_CHAT_URL}, {@code --token} /
 * {@code SWITCHBOARD_CHAT_TOKEN}, {@code --nickname} /
 * {@code SWITCHBOARD_CHAT_NICKNAME}).
 *
 * @param chat the WebSocket chat's URL, through the gateway by default
 * @param token the user's token, or {@code null} to sign up
 * @param nickname the nickname to sign up with, or {@code null} to ask for one
 */
record ChatClientOptions(URI chat, String token, String nickname) {

	/** The gateway of a local run or of docker compose. */
	static final String DEFAULT_URL = "ws://localhost:8080/ws/chat";

	static final String USAGE = """
			Usage: java -jar chat-client.jar [--url ws://host:8080/ws/chat] [--token TOKEN | --nickname NAME]
			  --url       the chat, through the gateway (env SWITCHBOARD_CHAT_URL, default %s)
			  --token     sign in with your token (env SWITCHBOARD_CHAT_TOKEN)
			  --nickname  sign up under this nickname (env SWITCHBOARD_CHAT_NICKNAME); without a token
			              or a nickname the client asks for a nickname and signs you up
			What others send is printed with its control characters made visible, as cat -v shows
			them (ESC as ^[, a line feed inside a message as ^J, C1 controls as M-^[), and without
			bidi overrides or isolates: a message cannot move the cursor, clear or retitle the
			terminal, or fake a line.""".formatted(DEFAULT_URL);

	static ChatClientOptions parse(String[] args, Map<String, String> environment) {
		String url = environment.getOrDefault("SWITCHBOARD_CHAT_URL", DEFAULT_URL);
		String token = environment.get("SWITCHBOARD_CHAT_TOKEN");
		String nickname = environment.get("SWITCHBOARD_CHAT_NICKNAME");
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
				default -> throw new IllegalArgumentException("Unknown option " + name);
			}
		}
		URI chat = URI.create(url);
		if (!"ws".equals(chat.getScheme()) && !"wss".equals(chat.getScheme())) {
			throw new IllegalArgumentException("The URL must start with ws:// or wss://, got " + url);
		}
		return new ChatClientOptions(chat, blankToNull(token), blankToNull(nickname));
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
