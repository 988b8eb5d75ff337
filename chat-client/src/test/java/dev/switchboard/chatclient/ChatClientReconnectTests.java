package dev.switchboard.chatclient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for the {@link ChatClient}'s reconnection, against a WebSocket server on the
 * loopback that the tests drive frame by frame: it drops or closes the connection, and
 * plays the chat on the next one. The back-off starts at 5 ms, so no test waits long.
 */
class ChatClientReconnectTests {

	private static final String WELCOME = "{\"type\":\"welcome\",\"nickname\":\"alice\",\"online\":[\"alice\",\"bob\"]}";

	private TestChatServer server;

	private Client client;

	@BeforeEach
	void startTheServer() throws IOException {
		this.server = new TestChatServer();
	}

	@AfterEach
	void stopEverything() throws IOException {
		if (this.client != null) {
			this.client.keyboard.end();
		}
		this.server.close();
	}

	@Test
	void shouldReconnectSignInAgainAndRejoinFromTheLastMessageSeen() throws Exception {
		this.client = Client.start(this.server, 5);
		TestChatServer.Peer first = signIn();
		this.client.type("/join #general");
		assertThat(first.next()).isEqualTo("{\"type\":\"join\",\"room\":\"general\"}");
		first
			.send(history("general", message(3, "general", "carol", "earlier"), message(4, "general", "bob", "hello")));
		first.send(message(7, "general", "bob", "live"));
		this.client.type("hi all");
		assertThat(first.nextFrame()).containsEntry("type", "say").containsEntry("text", "hi all");
		first.send("{\"type\":\"message\",\"id\":8,\"room\":\"general\",\"from\":\"alice\",\"text\":\"hi all\","
				+ "\"ref\":\"r1\"}");
		this.client.type("unanswered");
		assertThat(first.nextFrame()).containsEntry("text", "unanswered");
		first.send("{\"type\":\"message\",\"id\":9,\"to\":\"alice\",\"from\":\"bob\",\"text\":\"psst\"}");
		// the frames are read in order: the acknowledgement of "hi all" came before
		this.client.awaitLine("bob said: psst");

		first.drop();
		this.client.awaitLine("reconnecting in");
		TestChatServer.Peer second = this.server.nextPeer();
		assertThat(second.nextFrame()).isEqualTo(Map.of("type", "auth", "token", "t0k3n"));
		this.client.type("typed while away");
		this.client.awaitLine("will be sent once reconnected");
		second.send(WELCOME);
		this.client.awaitLine("Reconnected as alice");
		assertThat(second.next()).isEqualTo("{\"type\":\"join\",\"room\":\"general\",\"since\":8}");
		assertThat(second.nextFrame()).containsEntry("type", "say")
			.containsEntry("room", "general")
			.containsEntry("text", "typed while away");
		// a server replaying more than was asked, then live copies: each id is printed
		// once
		second.send(history("general", message(7, "general", "bob", "live"), message(8, "general", "alice", "hi all"),
				message(10, "general", "carol", "missed")));
		second.send(message(10, "general", "carol", "missed"));
		second.send("{\"type\":\"message\",\"id\":9,\"to\":\"alice\",\"from\":\"bob\",\"text\":\"psst\"}");
		second.send(message(11, "general", "bob", "after"));
		this.client.awaitLine("[#general] bob: after");

		List<String> lines = this.client.lines();
		assertThat(lines).contains("! Maybe not received (sent just before the connection was lost, and not "
				+ "confirmed; not sent again): unanswered", "#general REJOINED: 1 message missed");
		assertThat(lines).filteredOn((line) -> line.startsWith("! Connection lost ("))
			.singleElement()
			.asString()
			.contains(": reconnecting in ")
			.endsWith(" (attempt 1 of 5)...");
		assertThat(lines).containsSubsequence("[#general] carol: earlier", "[#general] bob: hello",
				"[#general] bob: live", "bob said: psst", "Reconnected as alice. Online: alice, bob",
				"#general REJOINED: 1 message missed", "[#general] carol: missed", "[#general] bob: after");
		for (String once : List.of("[#general] bob: live", "[#general] carol: missed", "bob said: psst")) {
			assertThat(lines).as(once).filteredOn(once::equals).hasSize(1);
		}
		assertThat(lines).noneMatch((line) -> line.contains("alice: hi all"));

		this.client.type("/quit");
		assertThat(this.client.exitCode()).isZero();
		assertThat(second.closeCode()).isEqualTo(1000);
		assertThat(this.server.connections()).isEqualTo(2);
	}

	@Test
	void shouldRejoinEveryRoomButTheOnesLeft() throws Exception {
		this.client = Client.start(this.server, 5);
		TestChatServer.Peer first = signIn();
		Map<String, Long> ids = Map.of("a", 97L, "b", 98L, "c", 99L);
		for (String room : List.of("a", "b", "c")) {
			this.client.type("/join #" + room);
			first.next();
			first.send(history(room, message(ids.get(room), room, "bob", "in " + room)));
		}
		this.client.awaitLine("[#c] bob: in c");
		this.client.type("/leave");
		assertThat(first.nextFrame()).containsEntry("type", "leave").containsEntry("room", "c");
		first.close(1001, "Service stopping: reconnect");
		TestChatServer.Peer second = this.server.nextPeer();
		second.next();
		this.client.type("/join #d");
		this.client.awaitLine("will be sent once reconnected");
		second.send(WELCOME);
		assertThat(List.of(second.next(), second.next(), second.next())).containsExactly(
				"{\"type\":\"join\",\"room\":\"a\",\"since\":97}", "{\"type\":\"join\",\"room\":\"b\",\"since\":98}",
				"{\"type\":\"join\",\"room\":\"d\"}");
		assertThat(this.client.lines()).anyMatch((line) -> line
			.startsWith("! Connection lost (closed by the server: 1001 Service stopping: reconnect): reconnecting in"));
	}

	@Test
	void shouldKeepTwentyLinesAtMostWhileDisconnected() throws Exception {
		this.client = Client.start(this.server, 5);
		TestChatServer.Peer first = signIn();
		this.client.type("/join #general");
		first.next();
		first.send(history("general"));
		this.client.awaitLine("#general JOINED");
		first.drop();
		TestChatServer.Peer second = this.server.nextPeer();
		second.next();
		for (int i = 1; i <= 21; i++) {
			this.client.type("line " + i);
		}
		this.client.awaitLine("! Not connected: this was NOT sent (20 lines already wait for the reconnection). "
				+ "Type it again once reconnected.");
		second.send(WELCOME);
		assertThat(second.next()).isEqualTo("{\"type\":\"join\",\"room\":\"general\",\"since\":0}");
		for (int i = 1; i <= 20; i++) {
			assertThat(second.nextFrame()).containsEntry("text", "line " + i);
		}
		this.client.awaitLine("Sent the 20 lines typed while disconnected.");
		this.client.type("/quit");
		assertThat(this.client.exitCode()).isZero();
		assertThat(second.closeCode()).isEqualTo(1000);
		assertThat(second.received()).isEmpty();
	}

	@Test
	void shouldReconnectWhenTheChatFallsSilent() throws Exception {
		this.client = Client.start(this.server, 5, "--ping-interval", "50");
		TestChatServer.Peer first = signIn();
		first.mute();
		this.client.awaitLine("! Connection lost (no answer to pings for 150 ms): reconnecting in");
		TestChatServer.Peer second = this.server.nextPeer();
		assertThat(second.nextFrame()).containsEntry("type", "auth");
		second.send(WELCOME);
		this.client.awaitLine("Reconnected as alice");
		this.client.type("/quit");
		assertThat(this.client.exitCode()).isZero();
	}

	@Test
	void shouldNotReconnectWhenSigningInAgainIsRefused() throws Exception {
		this.client = Client.start(this.server, 5);
		TestChatServer.Peer first = signIn();
		first.drop();
		TestChatServer.Peer second = this.server.nextPeer();
		assertThat(second.nextFrame()).containsEntry("type", "auth");
		second.send("{\"type\":\"error\",\"message\":\"Invalid token: use the token POST /api/users answered.\"}");
		second.close(1008, "Authenticate first");
		assertThat(this.client.exitCode()).isEqualTo(1);
		assertThat(this.client.lines()).contains("! Invalid token: use the token POST /api/users answered.",
				"! Signing in again was refused: not reconnecting.");
		assertThat(this.server.connections()).isEqualTo(2);
	}

	@Test
	void shouldNotReconnectWhenTheServerClosesForAPolicyViolation() throws Exception {
		this.client = Client.start(this.server, 5);
		TestChatServer.Peer first = signIn();
		first.close(1008, "go away");
		assertThat(this.client.exitCode()).isEqualTo(1);
		assertThat(this.client.lines())
			.contains("! Connection closed (closed by the server: 1008 go away): not reconnecting.");
		assertThat(this.server.connections()).isEqualTo(1);
	}

	@Test
	void shouldGiveUpAfterTheAttemptsAllowed() throws Exception {
		this.client = Client.start(this.server, 3);
		TestChatServer.Peer first = signIn();
		this.server.refuseHandshakes();
		first.drop();
		assertThat(this.client.exitCode()).isEqualTo(1);
		List<String> lines = this.client.lines();
		assertThat(lines)
			.anyMatch((line) -> line.startsWith("! Connection lost (") && line.endsWith("(attempt 1 of 3)..."))
			.anyMatch((line) -> line.startsWith("! Attempt 1 failed (the handshake was answered 503): reconnecting in ")
					&& line.endsWith(" (attempt 2 of 3)..."))
			.anyMatch((line) -> line.startsWith("! Attempt 2 failed (the handshake was answered 503): reconnecting in ")
					&& line.endsWith(" (attempt 3 of 3)..."))
			.contains("! Could not reconnect in 3 attempts (the last one: the handshake was answered 503): giving up. "
					+ "Start the client again once the chat is back.")
			.noneMatch((line) -> line.contains("attempt 4"));
		assertThat(this.server.connections()).isEqualTo(4);
	}

	@Test
	void shouldNotReconnectAfterQuit() throws Exception {
		this.client = Client.start(this.server, 5);
		TestChatServer.Peer first = signIn();
		this.client.type("/quit");
		assertThat(first.closeCode()).isEqualTo(1000);
		assertThat(this.client.exitCode()).isZero();
		assertThat(this.client.lines()).endsWith("BYE").noneMatch((line) -> line.contains("reconnect"));
		assertThat(this.server.connections()).isEqualTo(1);
	}

	@Test
	void shouldNotReconnectWhenTheFirstSignInIsRefused() throws Exception {
		this.client = Client.start(this.server, 5);
		TestChatServer.Peer first = this.server.nextPeer();
		first.next();
		first.send("{\"type\":\"error\",\"message\":\"Invalid token.\"}");
		first.close(1008, "Authenticate first");
		assertThat(this.client.exitCode()).isEqualTo(1);
		assertThat(this.client.lines()).containsExactly("Welcome to Messenger !", "! Invalid token.");
		assertThat(this.server.connections()).isEqualTo(1);
	}

	private TestChatServer.Peer signIn() throws Exception {
		TestChatServer.Peer peer = this.server.nextPeer();
		assertThat(peer.nextFrame()).isEqualTo(Map.of("type", "auth", "token", "t0k3n"));
		peer.send(WELCOME);
		this.client.awaitLine("Signed in as alice");
		return peer;
	}

	private static String history(String room, String... messages) {
		return "{\"type\":\"history\",\"room\":\"" + room + "\",\"messages\":[" + String.join(",", messages) + "]}";
	}

	private static String message(long id, String room, String from, String text) {
		return Json.object("type", "message", "id", id, "room", room, "from", from, "text", text);
	}

	/**
	 * The client running on a thread of its own, reading what the test types.
	 */
	private static final class Client {

		private static final Duration WAIT = Duration.ofSeconds(10);

		private final Keyboard keyboard = new Keyboard();

		private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

		private final CompletableFuture<Integer> exit = new CompletableFuture<>();

		static Client start(TestChatServer server, int attempts, String... more) {
			Client client = new Client();
			String[] args = Stream.concat(Stream.of("--url", server.url().toString(), "--token", "t0k3n",
					"--reconnect-delay", "5", "--reconnect-attempts", String.valueOf(attempts)), Stream.of(more))
				.toArray(String[]::new);
			PrintStream out = new PrintStream(client.printed, true, StandardCharsets.UTF_8);
			Thread.ofPlatform()
				.daemon()
				.name("chat-client")
				.start(() -> client.exit.complete(ChatClient.run(args, Map.of(), client.keyboard, out)));
			return client;
		}

		void type(String line) {
			this.keyboard.type(line);
		}

		List<String> lines() {
			return this.printed.toString(StandardCharsets.UTF_8).lines().toList();
		}

		void awaitLine(String part) throws InterruptedException {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (lines().stream().noneMatch((line) -> line.contains(part))) {
				if (System.nanoTime() > deadline) {
					fail("No line with '" + part + "' in:\n" + String.join("\n", lines()));
				}
				TimeUnit.MILLISECONDS.sleep(5);
			}
		}

		int exitCode() throws Exception {
			return this.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

	}

	/**
	 * What the user types: lines the test adds, read as they come.
	 */
	private static final class Keyboard extends InputStream {

		private static final int END = -1;

		private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

		void type(String line) {
			for (byte b : (line + "\n").getBytes(StandardCharsets.UTF_8)) {
				this.bytes.add(b & 0xFF);
			}
		}

		void end() {
			this.bytes.add(END);
		}

		@Override
		public int read() throws IOException {
			try {
				int b = this.bytes.take();
				if (b == END) {
					this.bytes.add(END);
				}
				return b;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException();
			}
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			int b = read();
			if (b == END) {
				return -1;
			}
			buffer[offset] = (byte) b;
			int count = 1;
			for (Integer next = this.bytes.peek(); count < length && next != null
					&& next != END; next = this.bytes.peek()) {
				buffer[offset + count++] = (byte) (int) this.bytes.poll();
			}
			return count;
		}

	}

}
