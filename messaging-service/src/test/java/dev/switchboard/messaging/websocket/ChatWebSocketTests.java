package dev.switchboard.messaging.websocket;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import dev.switchboard.messaging.ChatTestClient;
import dev.switchboard.messaging.MessagingIntegrationTest;
import dev.switchboard.messaging.messages.Correspondent;
import dev.switchboard.messaging.messages.MessageService;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Tests of the WebSocket chat with real clients on a random port: the frames the README
 * documents.
 */
class ChatWebSocketTests extends MessagingIntegrationTest {

	@Autowired
	private MessageService messages;

	@Autowired
	private WebSocketShutdown shutdown;

	@Autowired
	private MeterRegistry registry;

	@Test
	void shouldAnswerAnErrorAndCloseWhenTheFirstFrameIsNotAuth() {
		try (ChatTestClient client = ChatTestClient.open(chatUri())) {
			client.send("{\"type\":\"join\",\"room\":\"general\",\"ref\":\"j1\"}");
			JsonNode error = client.next("error");
			assertThat(error.path("message").asString()).contains("Authenticate first");
			assertThat(error.path("ref").asString()).isEqualTo("j1");
			assertThat(client.awaitClose()).isEqualTo(1008);
		}
	}

	@Test
	void shouldAnswerAnErrorAndCloseWhenTheTokenIsInvalid() {
		try (ChatTestClient client = ChatTestClient.open(chatUri())) {
			client.send("{\"type\":\"auth\",\"token\":\"not-a-token\",\"ref\":\"a\"}");
			JsonNode error = client.next("error");
			assertThat(error.path("message").asString()).contains("Invalid token");
			assertThat(error.path("ref").asString()).isEqualTo("a");
			assertThat(client.awaitClose()).isEqualTo(1008);
		}
	}

	@Test
	void shouldCloseEverySocketWithGoingAwayWhenTheServiceStops() {
		Registered alice = register("alice");
		try (ChatTestClient client = ChatTestClient.signedIn(chatUri(), alice.token())) {
			try {
				this.shutdown.stop();
			}
			finally {
				this.shutdown.start();
			}
			assertThat(client.awaitClose()).isEqualTo(1001);
		}
	}

	@Test
	void shouldCloseAConnectionThatDoesNotAuthenticateInTime() {
		double before = refused("auth-timeout");
		try (ChatTestClient client = ChatTestClient.open(chatUri())) {
			assertThat(client.next("error").path("message").asString()).contains("No auth frame within 3 s");
			assertThat(client.awaitClose()).isEqualTo(1008);
		}
		assertThat(refused("auth-timeout")).isGreaterThanOrEqualTo(before + 1);
	}

	@Test
	void shouldWelcomeWithTheNicknameOfTheTokenAndWhoIsOnline() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		try (ChatTestClient bobClient = ChatTestClient.signedIn(chatUri(), bob.token());
				ChatTestClient client = ChatTestClient.open(chatUri())) {
			client.send("{\"type\":\"auth\",\"token\":\"" + alice.token() + "\",\"ref\":\"hello\"}");
			JsonNode welcome = client.next("welcome");
			assertThat(welcome.path("nickname").asString()).isEqualTo(alice.nickname());
			assertThat(welcome.path("ref").asString()).isEqualTo("hello");
			assertThat(strings(welcome.path("online"))).contains(alice.nickname(), bob.nickname());
		}
	}

	@Test
	void shouldAnswerAJoinWithTheLatestFiftyMessagesOfTheRoomOldestFirst() {
		Registered alice = register("alice");
		String room = uniqueNickname("history");
		for (int i = 1; i <= 55; i++) {
			this.messages.storeRoomMessage(new Correspondent(alice.id(), alice.nickname()), room, "message " + i);
		}
		try (ChatTestClient client = ChatTestClient.signedIn(chatUri(), alice.token())) {
			client.send("{\"type\":\"join\",\"room\":\"#" + room + "\",\"ref\":7}");
			JsonNode history = client.next("history");
			assertThat(history.path("room").asString()).isEqualTo(room);
			assertThat(history.path("ref").asInt()).isEqualTo(7);
			List<JsonNode> entries = list(history.path("messages"));
			assertThat(entries).hasSize(50);
			assertThat(entries.getFirst().path("text").asString()).isEqualTo("message 6");
			assertThat(entries.getLast().path("text").asString()).isEqualTo("message 55");
			JsonNode entry = entries.getLast();
			assertThat(entry.path("type").asString()).isEqualTo("message");
			assertThat(entry.path("id").isNumber()).isTrue();
			assertThat(entry.path("room").asString()).isEqualTo(room);
			assertThat(entry.path("from").asString()).isEqualTo(alice.nickname());
			assertThat(entry.path("sentAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		}
	}

	@Test
	void shouldAnswerAHistoryFrameWithTheMessagesBeforeAnIdAPageAtATime() {
		Registered alice = register("alice");
		String room = uniqueNickname("older");
		for (int i = 1; i <= 120; i++) {
			this.messages.storeRoomMessage(new Correspondent(alice.id(), alice.nickname()), room, "message " + i);
		}
		try (ChatTestClient client = ChatTestClient.signedIn(chatUri(), alice.token())) {
			client.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
			List<JsonNode> shown = new ArrayList<>(list(client.next("history").path("messages")));
			assertThat(shown).hasSize(50);
			// older pages until there are none: each ends right before the oldest shown
			for (int page = 0; page < 5; page++) {
				long oldest = shown.getFirst().path("id").asLong();
				client.send("{\"type\":\"history\",\"room\":\"#" + room + "\",\"before\":" + oldest + ",\"ref\":" + page
						+ "}");
				JsonNode older = client.next("history");
				assertThat(older.path("ref").asInt()).isEqualTo(page);
				assertThat(older.path("room").asString()).isEqualTo(room);
				assertThat(older.path("before").asLong()).isEqualTo(oldest);
				List<JsonNode> entries = list(older.path("messages"));
				if (entries.isEmpty()) {
					break;
				}
				assertThat(entries.getLast().path("id").asLong()).isLessThan(oldest);
				shown.addAll(0, entries);
			}
			assertThat(shown).extracting((entry) -> entry.path("text").asString())
				.containsExactlyElementsOf(IntStream.rangeClosed(1, 120).mapToObj((i) -> "message " + i).toList());
			client.send("{\"type\":\"history\",\"room\":\"" + room + "\",\"ref\":\"h1\"}");
			assertError(client.next("error"), "h1", "needs \"before\"");
			client.send("{\"type\":\"history\",\"room\":\"" + room + "\",\"before\":0,\"ref\":\"h2\"}");
			assertError(client.next("error"), "h2", "\"before\" must be a message id");
			client.send("{\"type\":\"history\",\"before\":5,\"ref\":\"h3\"}");
			assertThat(client.next("error").path("ref").asString()).isEqualTo("h3");
		}
	}

	@Test
	void shouldAcknowledgeASayWithTheStoredIdAndRefAndDeliverItToTheRoomOnly() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		Registered carol = register("carol");
		String room = uniqueNickname("room");
		try (ChatTestClient aliceClient = ChatTestClient.signedIn(chatUri(), alice.token());
				ChatTestClient bobClient = ChatTestClient.signedIn(chatUri(), bob.token());
				ChatTestClient carolClient = ChatTestClient.signedIn(chatUri(), carol.token())) {
			join(aliceClient, room);
			join(bobClient, room);
			aliceClient.send("{\"type\":\"say\",\"room\":\"" + room
					+ "\",\"text\":\"Hello room\",\"from\":\"mallory\",\"ref\":\"s1\"}");
			JsonNode ack = aliceClient.next("message");
			assertThat(ack.path("ref").asString()).isEqualTo("s1");
			assertThat(ack.path("id").asLong()).isPositive();
			assertThat(ack.path("room").asString()).isEqualTo(room);
			assertThat(ack.path("from").asString()).as("identity comes from the token").isEqualTo(alice.nickname());
			JsonNode received = bobClient.next("message");
			assertThat(received.path("id").asLong()).isEqualTo(ack.path("id").asLong());
			assertThat(received.path("text").asString()).isEqualTo("Hello room");
			assertThat(received.has("ref")).isFalse();
			carolClient.send("{\"type\":\"who\",\"ref\":\"w\"}");
			assertThat(carolClient.next("presence").path("ref").asString()).as("carol got no room message")
				.isEqualTo("w");
		}
	}

	@Test
	void shouldStopDeliveringARoomAfterLeavingIt() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		String room = uniqueNickname("room");
		try (ChatTestClient aliceClient = ChatTestClient.signedIn(chatUri(), alice.token());
				ChatTestClient bobClient = ChatTestClient.signedIn(chatUri(), bob.token())) {
			join(aliceClient, room);
			join(bobClient, room);
			bobClient.send("{\"type\":\"leave\",\"room\":\"" + room + "\"}");
			bobClient.send("{\"type\":\"who\",\"room\":\"" + room + "\",\"ref\":\"w\"}");
			JsonNode members = bobClient.next("presence");
			assertThat(members.path("room").asString()).isEqualTo(room);
			assertThat(strings(members.path("online"))).containsExactly(alice.nickname());
			aliceClient.send("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"anyone?\"}");
			aliceClient.next("message");
			bobClient.send("{\"type\":\"who\",\"ref\":\"w2\"}");
			assertThat(bobClient.next("presence").path("ref").asString()).isEqualTo("w2");
		}
	}

	@Test
	void shouldDeliverADirectMessageToEverySocketOfTheRecipientAndTheSenderAndToTheInbox() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		try (ChatTestClient alice1 = ChatTestClient.signedIn(chatUri(), alice.token());
				ChatTestClient alice2 = ChatTestClient.signedIn(chatUri(), alice.token());
				ChatTestClient bob1 = ChatTestClient.signedIn(chatUri(), bob.token());
				ChatTestClient bob2 = ChatTestClient.signedIn(chatUri(), bob.token())) {
			alice1.send("{\"type\":\"dm\",\"to\":\"" + bob.nickname().toUpperCase()
					+ "\",\"text\":\"psst\",\"ref\":\"d1\"}");
			JsonNode ack = alice1.next("message");
			assertThat(ack.path("ref").asString()).isEqualTo("d1");
			assertThat(ack.path("to").asString()).isEqualTo(bob.nickname());
			assertThat(ack.path("from").asString()).isEqualTo(alice.nickname());
			assertThat(ack.has("room")).isFalse();
			for (ChatTestClient other : List.of(alice2, bob1, bob2)) {
				JsonNode copy = other.next("message");
				assertThat(copy.path("id").asLong()).isEqualTo(ack.path("id").asLong());
				assertThat(copy.path("text").asString()).isEqualTo("psst");
				assertThat(copy.has("ref")).isFalse();
			}
			JsonNode inbox = json.readTree(get("/api/users/" + bob.id() + "/messages", bob.token()).body());
			assertThat(list(inbox)).anySatisfy((message) -> {
				assertThat(message.path("id").asLong()).isEqualTo(ack.path("id").asLong());
				assertThat(message.path("from").asString()).isEqualTo(alice.nickname());
				assertThat(message.path("text").asString()).isEqualTo("psst");
			});
		}
	}

	@Test
	void shouldPushADirectMessageSentOverRestToTheRecipientsSockets() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		try (ChatTestClient bobClient = ChatTestClient.signedIn(chatUri(), bob.token())) {
			HttpResponse<String> sent = post("/api/users/" + bob.id() + "/messages", "{\"text\":\"over REST\"}",
					alice.token());
			assertThat(sent.statusCode()).isEqualTo(201);
			JsonNode pushed = bobClient.next("message");
			assertThat(pushed.path("id").asLong()).isEqualTo(json.readTree(sent.body()).path("id").asLong());
			assertThat(pushed.path("from").asString()).isEqualTo(alice.nickname());
			assertThat(pushed.path("to").asString()).isEqualTo(bob.nickname());
			assertThat(pushed.path("text").asString()).isEqualTo("over REST");
		}
	}

	@Test
	void shouldAnnounceWhoComesAndGoesAndAnswerWho() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		try (ChatTestClient aliceClient = ChatTestClient.signedIn(chatUri(), alice.token())) {
			ChatTestClient bobClient = ChatTestClient.signedIn(chatUri(), bob.token());
			aliceClient.nextMatching((frame) -> bob.nickname().equals(frame.path("joined").asString()));
			assertThat(online(bob)).isTrue();
			aliceClient.send("{\"type\":\"who\",\"ref\":\"w\"}");
			JsonNode who = aliceClient.next("presence");
			assertThat(who.path("ref").asString()).isEqualTo("w");
			assertThat(strings(who.path("online"))).contains(alice.nickname(), bob.nickname());
			bobClient.close();
			aliceClient.nextMatching((frame) -> bob.nickname().equals(frame.path("left").asString()));
			assertThat(online(bob)).isFalse();
		}
	}

	@Test
	void shouldAnswerErrorsWithTheRefAndKeepTheConnection() {
		Registered alice = register("alice");
		try (ChatTestClient client = ChatTestClient.signedIn(chatUri(), alice.token())) {
			client.send("{\"type\":\"say\",\"room\":\"elsewhere\",\"text\":\"hi\",\"ref\":\"e1\"}");
			assertError(client.next("error"), "e1", "Join #elsewhere");
			client.send("{\"type\":\"dm\",\"to\":\"nobody_here_42\",\"text\":\"hi\",\"ref\":\"e2\"}");
			assertError(client.next("error"), "e2", "Nobody is called");
			client.send("{\"type\":\"join\",\"room\":\"bad room!\",\"ref\":\"e3\"}");
			assertError(client.next("error"), "e3", "Invalid room name");
			client.send("{\"type\":\"dance\",\"ref\":\"e4\"}");
			assertError(client.next("error"), "e4", "Unknown frame type");
			client.send("[1, 2]");
			assertThat(client.next("error").path("message").asString()).contains("JSON object");
			client.send("{\"type\":\"who\",\"ref\":\"still-here\"}");
			assertThat(client.next("presence").path("ref").asString()).isEqualTo("still-here");
		}
	}

	@Test
	void shouldRefuseAFrameLargerThanTheLimitWithAnErrorFrame() {
		double before = refused("frame-size");
		Registered alice = register("alice");
		try (ChatTestClient client = ChatTestClient.signedIn(chatUri(), alice.token())) {
			client.send("{\"type\":\"who\",\"text\":\"" + "x".repeat(20_000) + "\"}");
			assertThat(client.next("error").path("message").asString()).contains("Frame too large")
				.contains("8192 bytes");
			client.send("{\"type\":\"who\",\"ref\":\"after\"}");
			assertThat(client.next("presence").path("ref").asString()).isEqualTo("after");
		}
		assertThat(refused("frame-size")).isEqualTo(before + 1);
	}

	@Test
	void shouldAssembleAFrameLargerThanTheContainersBufferIntact() {
		// frames up to max-frame-size (8 KB) arrive in parts of frame-buffer-size (1 KB),
		// some of them cut inside a multi-byte character
		Registered alice = register("alice");
		String room = uniqueNickname("big");
		String text = "é€😀a".repeat(500);
		try (ChatTestClient client = ChatTestClient.signedIn(chatUri(), alice.token())) {
			client.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
			client.next("history");
			client.send("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"" + text + "\",\"ref\":\"big\"}");
			JsonNode echoed = client.next("message");
			assertThat(echoed.path("ref").asString()).isEqualTo("big");
			assertThat(echoed.path("text").asString()).isEqualTo(text);
		}
	}

	@Test
	void shouldLetABurstOfFortyFramesThroughThenTwentyPerSecond() {
		double before = refused("rate-limit");
		Registered alice = register("alice");
		this.clock.freeze();
		try (ChatTestClient client = ChatTestClient.signedIn(chatUri(), alice.token())) {
			// the auth frame took the first of the burst
			assertThat(answeredOf(client, 60)).isEqualTo(39);
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(answeredOf(client, 30)).isEqualTo(20);
			this.clock.advance(Duration.ofMillis(500));
			assertThat(answeredOf(client, 30)).isEqualTo(10);
			assertThat(refused("rate-limit")).isEqualTo(before + 21 + 10 + 20);
			try (ChatTestClient other = ChatTestClient.signedIn(chatUri(), register("bob").token())) {
				other.send("{\"type\":\"who\",\"ref\":\"fresh\"}");
				assertThat(other.next("presence").path("ref").asString()).as("the limit is per connection")
					.isEqualTo("fresh");
			}
		}
		finally {
			this.clock.release();
		}
	}

	/**
	 * Send {@code who} frames at once (the clock is frozen), and count those answered.
	 */
	private static int answeredOf(ChatTestClient client, int count) {
		for (int i = 0; i < count; i++) {
			client.send("{\"type\":\"who\",\"ref\":" + i + "}");
		}
		int answered = 0;
		for (int i = 0; i < count; i++) {
			JsonNode answer = client.nextMatching((frame) -> frame.has("ref"));
			if ("error".equals(answer.path("type").asString())) {
				assertThat(answer.path("message").asString()).contains("Too many frames")
					.contains("at most 20 per second, in bursts of up to 40");
			}
			else {
				answered++;
			}
		}
		return answered;
	}

	@Test
	void shouldDisconnectAClientThatCannotKeepUpWithoutSlowingOthers() {
		Registered alice = register("alice");
		Registered slow = register("slow");
		Registered fast = register("fast");
		String room = uniqueNickname("busy");
		fillRoom(alice, room);
		double before = slowConsumers();
		try (ChatTestClient fastClient = ChatTestClient.signedIn(chatUri(), fast.token());
				ChatTestClient slowClient = ChatTestClient.openNotReading(chatUri());
				ChatTestClient aliceClient = ChatTestClient.signedIn(chatUri(), alice.token())) {
			join(fastClient, room);
			join(aliceClient, room);
			slowClient.send("{\"type\":\"auth\",\"token\":\"" + slow.token() + "\"}");
			await().until(() -> online(slow));
			slowClient.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
			// the slow client reads nothing but is still there: the room flows meanwhile
			long start = System.nanoTime();
			aliceClient.send("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"while stalled\"}");
			fastClient.nextMatching((frame) -> "while stalled".equals(frame.path("text").asString()));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(online(slow)).as("still connected, still stalled").isTrue();
			overflow(slowClient, room);
			slowClient.resumeReading();
			assertThat(slowClient.awaitClose()).isEqualTo(4500);
			assertThat(slowConsumers()).isEqualTo(before + 1);
			aliceClient.send("{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"still flowing\"}");
			assertThat(fastClient.nextMatching((frame) -> "still flowing".equals(frame.path("text").asString())))
				.isNotNull();
		}
	}

	/** Store 50 messages of ~4 KB in a room: a join then answers ~200 KB. */
	private void fillRoom(Registered author, String room) {
		String big = "x".repeat(3900);
		for (int i = 0; i < 50; i++) {
			this.messages.storeRoomMessage(new Correspondent(author.id(), author.nickname()), room, big);
		}
	}

	/**
	 * Ask for the room's history until the server gives up on a client that reads
	 * nothing.
	 */
	private void overflow(ChatTestClient slowClient, String room) {
		double before = slowConsumers();
		for (int i = 0; i < 30 && slowConsumers() == before; i++) {
			slowClient.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
		}
		await().atMost(Duration.ofSeconds(15)).until(() -> slowConsumers() > before);
	}

	private double slowConsumers() {
		return this.registry.get("switchboard.chat.websocket.disconnected")
			.tag("reason", "slow-consumer")
			.counter()
			.count();
	}

	@Test
	void shouldAcceptBrowserPagesFromAllowedOriginsOnly() {
		Registered alice = register("alice");
		try (ChatTestClient client = ChatTestClient.open(chatUri(), Map.of("Origin", "http://localhost:8080"))) {
			client.send("{\"type\":\"auth\",\"token\":\"" + alice.token() + "\"}");
			assertThat(client.next("welcome").path("nickname").asString()).isEqualTo(alice.nickname());
		}
		try (ChatTestClient client = ChatTestClient.open(chatUri(),
				Map.of("Origin", "http://127.0.0.1:" + this.port))) {
			client.send("{\"type\":\"auth\",\"token\":\"" + alice.token() + "\"}");
			assertThat(client.next("welcome").path("nickname").asString()).isEqualTo(alice.nickname());
		}
		assertThatThrownBy(() -> ChatTestClient.open(chatUri(), Map.of("Origin", "http://evil.example")))
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class, (ex) -> {
				assertThat(ex.getResponse().statusCode()).isEqualTo(403);
				assertThat(ex.getResponse().body().toString()).contains("allowed-origin-patterns");
			});
	}

	@Test
	void shouldAnswerProblemJsonToRequestsThatAreNotHandshakes() {
		HttpResponse<String> plain = get("/ws/chat", null);
		assertThat(plain.statusCode()).isEqualTo(400);
		assertThat(plain.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(plain.body()).path("detail").asString()).contains("WebSocket client");
		HttpResponse<String> posted = post("/ws/chat", "{}", null);
		assertThat(posted.statusCode()).isEqualTo(405);
		assertThat(posted.headers().firstValue("Allow")).hasValue("GET");
		assertThat(posted.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(posted.body()).path("detail").asString()).contains("GET handshake");
	}

	@Test
	void shouldCountRefusedFramesInTheMetrics() {
		String frameSize = "switchboard_chat_websocket_refused_total{limit=\"frame-size\"}";
		String rateLimit = "switchboard_chat_websocket_refused_total{limit=\"rate-limit\"}";
		String slowConsumer = "switchboard_chat_websocket_disconnected_total{reason=\"slow-consumer\"}";
		Registered alice = register("alice");
		double frameSizeBefore = scraped(frameSize);
		try (ChatTestClient client = ChatTestClient.signedIn(chatUri(), alice.token())) {
			client.send("{\"type\":\"who\",\"text\":\"" + "x".repeat(9000) + "\"}");
			client.next("error");
		}
		assertThat(scraped(frameSize)).isEqualTo(frameSizeBefore + 1);
		double rateLimitBefore = scraped(rateLimit);
		this.clock.freeze();
		try (ChatTestClient client = ChatTestClient.signedIn(chatUri(), alice.token())) {
			assertThat(answeredOf(client, 45)).isEqualTo(39);
		}
		finally {
			this.clock.release();
		}
		assertThat(scraped(rateLimit)).isEqualTo(rateLimitBefore + 6);
		double slowConsumerBefore = scraped(slowConsumer);
		String room = uniqueNickname("metered");
		fillRoom(alice, room);
		try (ChatTestClient slowClient = ChatTestClient.openNotReading(chatUri())) {
			slowClient.send("{\"type\":\"auth\",\"token\":\"" + alice.token() + "\"}");
			overflow(slowClient, room);
		}
		assertThat(scraped(slowConsumer)).isEqualTo(slowConsumerBefore + 1);
	}

	/** The value of a counter as {@code /actuator/prometheus} shows it. */
	private double scraped(String series) {
		return get("/actuator/prometheus", null).body()
			.lines()
			.filter((line) -> line.startsWith(series + " "))
			.map((line) -> Double.parseDouble(line.substring(series.length() + 1).strip()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(series + " is not in /actuator/prometheus"));
	}

	private double refused(String limit) {
		return this.registry.get("switchboard.chat.websocket.refused").tag("limit", limit).counter().count();
	}

	private boolean online(Registered user) {
		JsonNode users = json.readTree(get("/api/users?nickname=" + user.nickname(), null).body());
		return users.get(0).path("online").asBoolean();
	}

	private static void join(ChatTestClient client, String room) {
		client.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
		client.next("history");
	}

	private static void assertError(JsonNode error, String ref, String message) {
		assertThat(error.path("ref").asString()).isEqualTo(ref);
		assertThat(error.path("message").asString()).contains(message);
	}

	private static List<String> strings(JsonNode array) {
		return list(array).stream().map(JsonNode::asString).toList();
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> list = new ArrayList<>();
		array.forEach(list::add);
		return list;
	}

}
