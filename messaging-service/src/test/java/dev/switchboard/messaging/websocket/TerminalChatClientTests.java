package dev.switchboard.messaging.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.switchboard.chatclient.ChatClient;
import dev.switchboard.messaging.ChatTestClient;
import dev.switchboard.messaging.MessagingIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the terminal chat client (module {@code chat-client}) against the running
 * service: the course's messenger session, typed on its standard input.
 */
class TerminalChatClientTests extends MessagingIntegrationTest {

	@Test
	void shouldSignUpJoinSomeoneExchangeMessagesAndSayBye() throws IOException {
		Registered bob = register("bob");
		String alice = uniqueNickname("alice");
		String room = uniqueNickname("room");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PipedOutputStream keyboard = new PipedOutputStream();
		PipedInputStream in = new PipedInputStream(keyboard);
		PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
		try (ChatTestClient bobClient = ChatTestClient.signedIn(chatUri(), bob.token())) {
			CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ChatClient
				.run(new String[] { "--url", chatUri().toString(), "--nickname", alice }, Map.of(), in, out));
			awaitLine(printed, "Signed in as " + alice + ".");

			type(keyboard, "/join " + bob.nickname());
			awaitLine(printed, bob.nickname() + " JOINED");
			type(keyboard, "Hello, ça farte ?");
			JsonNode received = bobClient.nextMatching((frame) -> alice.equals(frame.path("from").asString()));
			assertThat(received.path("to").asString()).isEqualTo(bob.nickname());
			assertThat(received.path("text").asString()).isEqualTo("Hello, ça farte ?");

			bobClient.send("{\"type\":\"dm\",\"to\":\"" + alice + "\",\"text\":\"Top, et toi ?\"}");
			awaitLine(printed, bob.nickname() + " said: Top, et toi ?");

			type(keyboard, "/join #" + room);
			awaitLine(printed, "#" + room + " JOINED");
			bobClient.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
			bobClient.send("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"in the room\"}");
			awaitLine(printed, "[#" + room + "] " + bob.nickname() + ": in the room");

			type(keyboard, "/quit");
			assertThat(exit.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join()).isZero();
			assertThat(text(printed).lines()).first().isEqualTo("Welcome to Messenger !");
			assertThat(text(printed).lines()).last().isEqualTo("BYE");
		}
	}

	@Test
	void shouldSignInWithATokenFromTheEnvironment() throws IOException {
		Registered carol = register("carol");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PipedOutputStream keyboard = new PipedOutputStream();
		PipedInputStream in = new PipedInputStream(keyboard);
		PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
		CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ChatClient.run(new String[0],
				Map.of("SWITCHBOARD_CHAT_URL", chatUri().toString(), "SWITCHBOARD_CHAT_TOKEN", carol.token()), in,
				out));
		awaitLine(printed, "Signed in as " + carol.nickname() + ".");
		keyboard.close();
		assertThat(exit.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join()).isZero();
		assertThat(text(printed)).doesNotContain("token, shown only once");
	}

	@Test
	void shouldShowTheControlCharactersOfAHostileDirectMessageInsteadOfSendingThemToTheTerminal() throws IOException {
		Registered dave = register("dave");
		Registered mallory = register("mallory");
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PipedOutputStream keyboard = new PipedOutputStream();
		PipedInputStream in = new PipedInputStream(keyboard);
		PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
		CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ChatClient
			.run(new String[] { "--url", chatUri().toString(), "--token", dave.token() }, Map.of(), in, out));
		awaitLine(printed, "Signed in as " + dave.nickname() + ".");
		// JSON escapes: an escape sequence that retitles and clears the terminal, a bidi
		// override, and a line feed that would fake a line
		String hostile = "\\u001b]0;owned\\u0007\\u001b[2Jhello\\u202eevil\\nfake: line";
		assertThat(post("/api/users/" + dave.id() + "/messages", "{\"text\":\"" + hostile + "\"}", mallory.token())
			.statusCode()).isEqualTo(201);
		awaitLine(printed, mallory.nickname() + " said: ");
		keyboard.close();
		assertThat(exit.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join()).isZero();
		assertThat(text(printed).lines())
			.contains(mallory.nickname() + " said: ^[]0;owned^G^[[2Jhelloevil^Jfake: line");
		assertThat(text(printed)).doesNotContain(Character.toString(0x1b), Character.toString(0x07),
				Character.toString(0x202e));
	}

	private static void type(PipedOutputStream keyboard, String line) throws IOException {
		keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		keyboard.flush();
	}

	private static void awaitLine(ByteArrayOutputStream printed, String start) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> text(printed).lines().anyMatch((line) -> line.startsWith(start)));
	}

	private static String text(ByteArrayOutputStream printed) {
		synchronized (printed) {
			return printed.toString(StandardCharsets.UTF_8);
		}
	}

}
