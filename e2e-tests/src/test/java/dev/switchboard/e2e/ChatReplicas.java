package dev.switchboard.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messaging replicas of the suite, and chat clients placed on one of them on purpose:
 * WebSocket clients straight to a replica's HTTP port, TCP clients to the line chat it
 * publishes.
 */
final class ChatReplicas {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private ChatReplicas() {
	}

	/**
	 * Return the two messaging replicas compose runs.
	 * @param suite the suite
	 * @return the first and the second
	 */
	static List<ServiceProcess> of(Suite suite) {
		List<ServiceProcess> replicas = suite.replicas("messaging-service");
		assertThat(replicas).as("messaging replicas in docker-compose.yml").hasSize(2);
		return replicas;
	}

	/** Return the port of a replica's TCP line chat, as compose publishes it. */
	static int chatPort(ServiceProcess replica) {
		return Integer.parseInt(replica.environment().get("SWITCHBOARD_SOCKET_SERVERS_CHAT_PORT"));
	}

	/**
	 * Open a chat socket on a replica itself and sign in.
	 * @param replica the replica
	 * @param user the registered user
	 * @return the socket, its welcome received
	 */
	static ChatSocket webSocket(ServiceProcess replica, JsonNode user) {
		ChatSocket socket = ChatSocket.open(replica.url());
		JsonNode welcome = socket.signIn(user.path("token").asString());
		assertThat(welcome.path("type").asString()).as(welcome.toString()).isEqualTo("welcome");
		return socket;
	}

	/**
	 * Connect to a replica's line chat and sign in with a token.
	 * @param replica the replica
	 * @param user the registered user
	 * @return the client, signed in
	 */
	static TcpChat tcp(ServiceProcess replica, JsonNode user) {
		TcpChat chat = TcpChat.connect(chatPort(replica));
		String answer = chat.ask("/auth " + user.path("token").asString(),
				(line) -> line.startsWith("OK") || line.startsWith("ERROR"));
		assertThat(answer).isEqualTo("OK signed in as " + user.path("nickname").asString());
		return chat;
	}

	/**
	 * Connect to a replica's line chat as a guest.
	 * @param replica the replica
	 * @param nickname the guest nickname
	 * @return the client and the server's answer to {@code /nick}
	 */
	static TcpChat guest(ServiceProcess replica, String nickname) {
		TcpChat chat = TcpChat.connect(chatPort(replica));
		String answer = chat.ask("/nick " + nickname, (line) -> line.startsWith("OK") || line.startsWith("ERROR"));
		assertThat(answer).isEqualTo("OK you are " + nickname + " (guest)");
		return chat;
	}

	/** Join a room from the line chat and wait until it is joined. */
	static void join(TcpChat chat, String room) {
		chat.ask("/join #" + room, (line) -> line.equals("#" + room + " JOINED"));
	}

	/** Ask the line chat who is online. */
	static Set<String> who(TcpChat chat) {
		String online = chat.ask("/who", (line) -> line.startsWith("Online: "));
		return new TreeSet<>(Arrays.asList(online.substring("Online: ".length()).split(", ")));
	}

	/** Return the HTTP status of a replica's readiness (0 when it does not answer). */
	static int readiness(ServiceProcess replica) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(replica.url() + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(5))
				.build();
			return http.send(request, BodyHandlers.discarding()).statusCode();
		}
		catch (java.io.IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

}
