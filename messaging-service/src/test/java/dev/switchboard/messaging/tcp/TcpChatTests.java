package dev.switchboard.messaging.tcp;

import java.time.Duration;

import dev.switchboard.messaging.ChatTestClient;
import dev.switchboard.messaging.LineClient;
import dev.switchboard.messaging.MessagingIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the TCP line chat with an {@code nc}-like client, bridged with WebSocket
 * clients in the same rooms.
 */
class TcpChatTests extends MessagingIntegrationTest {

	@Test
	void shouldGreetWithALineNamingHelpAndListTheCommands() {
		try (LineClient nc = new LineClient(this.chatPort)) {
			assertThat(nc.next()).contains("/help");
			nc.send("/help");
			assertThat(nc.next()).isEqualTo("Commands:");
			assertThat(nc.nextMatching((line) -> line.contains("/quit"))).contains("/quit");
		}
	}

	@Test
	void shouldAnswerAJoinWithAnIdWithTheMessagesAfterIt() {
		Registered alice = register("alice");
		String room = uniqueNickname("missed");
		try (ChatTestClient web = ChatTestClient.signedIn(chatUri(), alice.token());
				LineClient nc = new LineClient(this.chatPort)) {
			web.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
			web.next("history");
			long[] ids = new long[3];
			for (int i = 0; i < 3; i++) {
				web.send("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"m" + i + "\"}");
				ids[i] = web.next("message").path("id").asLong();
			}
			nc.next();
			nc.send("/nick " + uniqueNickname("Back"));
			nc.nextReply();
			nc.nextReply();
			nc.send("/join #" + room + " " + ids[0]);
			assertThat(nc.nextReply()).isEqualTo("#" + room + " JOINED");
			assertThat(nc.nextReply()).isEqualTo("[#" + room + "] " + alice.nickname() + ": m1");
			assertThat(nc.nextReply()).isEqualTo("[#" + room + "] " + alice.nickname() + ": m2");
			nc.send("/join #" + room + " " + ids[2]);
			assertThat(nc.nextReply()).isEqualTo("#" + room + " JOINED");
			nc.send("/join #" + room + " latest");
			assertThat(nc.nextReply()).startsWith("ERROR Usage: /join #room [id]");
			// the WebSocket's join takes "since"
			web.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":" + ids[1] + ",\"ref\":\"s\"}");
			JsonNode history = web.next("history");
			assertThat(history.path("messages")).hasSize(1);
			assertThat(history.path("messages").get(0).path("text").asString()).isEqualTo("m2");
			web.send("{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":\"x\",\"ref\":\"bad\"}");
			assertThat(web.next("error").path("message").asString()).contains("\"since\" must be a message id");
		}
	}

	@Test
	void shouldBridgeARoomBetweenTcpAndWebSocket() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		String room = uniqueNickname("room");
		try (ChatTestClient web = ChatTestClient.signedIn(chatUri(), alice.token());
				LineClient nc = new LineClient(this.chatPort)) {
			web.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
			web.next("history");
			web.send("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"before you came\"}");
			web.next("message");
			nc.next();
			nc.send("/auth " + bob.token());
			assertThat(nc.nextReply()).isEqualTo("OK signed in as " + bob.nickname());
			assertThat(nc.nextReply()).startsWith("Online: ").contains(alice.nickname(), bob.nickname());
			nc.send("/join #" + room);
			assertThat(nc.nextReply()).isEqualTo("#" + room + " JOINED");
			assertThat(nc.nextReply()).isEqualTo("[#" + room + "] " + alice.nickname() + ": before you came");

			nc.send("hello from nc");
			JsonNode fromNc = web.nextMatching((frame) -> "hello from nc".equals(frame.path("text").asString()));
			assertThat(fromNc.path("from").asString()).isEqualTo(bob.nickname());
			assertThat(fromNc.path("room").asString()).isEqualTo(room);

			web.send("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"hi nc\\nsecond line\"}");
			assertThat(nc.nextReply()).isEqualTo("[#" + room + "] " + alice.nickname() + ": hi nc second line");

			nc.send("/rooms");
			assertThat(nc.nextReply()).startsWith("Rooms: ").contains("#" + room + " (2)");
			nc.send("/who");
			assertThat(nc.nextReply()).startsWith("Online: ").contains(alice.nickname(), bob.nickname());
			nc.send("/leave");
			assertThat(nc.nextReply()).isEqualTo("#" + room + " LEFT");
			nc.send("/quit");
			assertThat(nc.nextReply()).isEqualTo("BYE");
			nc.awaitClosed();
			web.nextMatching((frame) -> bob.nickname().equals(frame.path("left").asString()));
		}
	}

	@Test
	void shouldExchangeDirectMessagesWithWebSocketAndRestUsers() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		try (ChatTestClient web = ChatTestClient.signedIn(chatUri(), alice.token());
				LineClient nc = new LineClient(this.chatPort)) {
			nc.next();
			nc.send("/auth " + bob.token());
			nc.nextReply();
			nc.nextReply();
			nc.send("/join " + alice.nickname().toUpperCase());
			assertThat(nc.nextReply()).isEqualTo(alice.nickname() + " JOINED");
			nc.send("psst alice");
			JsonNode dm = web.nextMatching((frame) -> "psst alice".equals(frame.path("text").asString()));
			assertThat(dm.path("to").asString()).isEqualTo(alice.nickname());
			assertThat(dm.path("from").asString()).isEqualTo(bob.nickname());
			assertThat(get("/api/users/" + alice.id() + "/messages", alice.token()).body()).contains("psst alice");

			web.send("{\"type\":\"dm\",\"to\":\"" + bob.nickname() + "\",\"text\":\"hi bob\"}");
			assertThat(nc.nextReply()).isEqualTo(alice.nickname() + " said: hi bob");
			post("/api/users/" + bob.id() + "/messages", "{\"text\":\"over REST\"}", alice.token());
			assertThat(nc.nextReply()).isEqualTo(alice.nickname() + " said: over REST");
		}
	}

	@Test
	void shouldLetGuestsChatUnderFreeNicknamesOnly() {
		Registered alice = register("alice");
		String guest = uniqueNickname("guest");
		try (ChatTestClient web = ChatTestClient.signedIn(chatUri(), alice.token());
				LineClient nc = new LineClient(this.chatPort);
				LineClient other = new LineClient(this.chatPort)) {
			nc.next();
			other.next();
			nc.send("hello?");
			assertThat(nc.nextReply()).startsWith("ERROR Sign in first");
			nc.send("/nick " + alice.nickname());
			assertThat(nc.nextReply()).startsWith("ERROR").contains("registered user");
			nc.send("/nick no way!");
			assertThat(nc.nextReply()).startsWith("ERROR Invalid nickname");
			nc.send("/nick " + guest);
			assertThat(nc.nextReply()).isEqualTo("OK you are " + guest + " (guest)");
			web.nextMatching((frame) -> guest.equals(frame.path("joined").asString()));
			other.send("/nick " + guest.toUpperCase());
			assertThat(other.nextReply()).startsWith("ERROR Someone is online as");
			assertThat(post("/api/users", "{\"nickname\":\"" + guest + "\"}", null).statusCode())
				.as("a guest's nickname cannot be registered while in use")
				.isEqualTo(409);

			nc.nextReply();
			nc.send("/join " + alice.nickname());
			nc.nextReply();
			nc.send("from a guest");
			JsonNode dm = web.nextMatching((frame) -> "from a guest".equals(frame.path("text").asString()));
			assertThat(dm.path("from").asString()).isEqualTo(guest);
			web.send("{\"type\":\"dm\",\"to\":\"" + guest + "\",\"text\":\"hello guest\",\"ref\":\"g\"}");
			assertThat(web.nextMatching((frame) -> frame.has("ref")).path("type").asString()).isEqualTo("message");
			assertThat(nc.nextReply()).isEqualTo(alice.nickname() + " said: hello guest");
		}
	}

	@Test
	void shouldAnswerErrorsAndCloseOnALineOverTheLimit() {
		try (LineClient nc = new LineClient(this.chatPort)) {
			nc.next();
			nc.send("/dance");
			assertThat(nc.nextReply()).isEqualTo("ERROR Unknown command /dance: type /help.");
			nc.send("/join #general");
			assertThat(nc.nextReply()).startsWith("ERROR Sign in first");
			nc.send("/auth wrong");
			assertThat(nc.nextReply()).startsWith("ERROR Invalid token");
			nc.send("x".repeat(20_000));
			assertThat(nc.nextReply()).startsWith("ERROR request larger than the limit");
			nc.awaitClosed();
		}
	}

	@Test
	void shouldLetABurstOfFortyLinesThroughThenTwentyPerSecond() {
		this.clock.freeze();
		try (LineClient nc = new LineClient(this.chatPort)) {
			nc.next();
			String nickname = uniqueNickname("Burst");
			nc.send("/nick " + nickname);
			assertThat(nc.nextReply()).isEqualTo("OK you are " + nickname + " (guest)");
			assertThat(nc.nextReply()).startsWith("Online: ");
			// the /nick line took the first of the burst
			assertThat(answeredOf(nc, 60)).isEqualTo(39);
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(answeredOf(nc, 30)).isEqualTo(20);
			this.clock.advance(Duration.ofMillis(500));
			assertThat(answeredOf(nc, 30)).isEqualTo(10);
		}
		finally {
			this.clock.release();
		}
	}

	/**
	 * Send {@code /who} lines at once (the clock is frozen), and count those answered.
	 */
	private static int answeredOf(LineClient nc, int count) {
		for (int i = 0; i < count; i++) {
			nc.send("/who");
		}
		int answered = 0;
		for (int i = 0; i < count; i++) {
			String answer = nc.nextReply();
			if (answer.startsWith("ERROR ")) {
				assertThat(answer).startsWith("ERROR Too many lines")
					.contains("at most 20 per second, in bursts of up to 40");
			}
			else {
				assertThat(answer).startsWith("Online: ");
				answered++;
			}
		}
		return answered;
	}

}
