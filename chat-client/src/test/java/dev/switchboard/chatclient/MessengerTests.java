package dev.switchboard.chatclient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Messenger}: the course's commands and lines, without a network.
 */
class MessengerTests {

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final List<String> sent = new ArrayList<>();

	private boolean closed;

	private final Messenger messenger = new Messenger(new PrintStream(this.printed, true, StandardCharsets.UTF_8),
			new Messenger.Sender() {

				@Override
				public void send(String frame) {
					MessengerTests.this.sent.add(frame);
				}

				@Override
				public void close() {
					MessengerTests.this.closed = true;
				}

			}, Set.of("bob")::contains);

	@BeforeEach
	void welcome() {
		this.messenger
			.onFrame(Json.parseObject("{\"type\":\"welcome\",\"nickname\":\"alice\",\"online\":[\"alice\"]}"));
	}

	@Test
	void shouldJoinSomeoneAndSendThemPlainLines() {
		this.messenger.onLine("/join bob");
		this.messenger.onLine("Hello, ça farte ?");
		assertThat(lines()).endsWith("bob JOINED");
		assertThat(this.sent)
			.containsExactly("{\"type\":\"dm\",\"to\":\"bob\",\"text\":\"Hello, ça farte ?\",\"ref\":\"r1\"}");
	}

	@Test
	void shouldPrintDirectMessagesAsTheCourseDoes() {
		this.messenger.onFrame(Json.parseObject(
				"{\"type\":\"message\",\"id\":3,\"to\":\"alice\",\"from\":\"bob\",\"text\":\"Top, et toi ?\"}"));
		this.messenger.onFrame(Json.parseObject(
				"{\"type\":\"message\",\"id\":4,\"to\":\"bob\",\"from\":\"alice\",\"text\":\"mine\",\"ref\":\"r1\"}"));
		assertThat(lines()).endsWith("bob said: Top, et toi ?");
	}

	@Test
	void shouldJoinARoomAndPrintItsLines() {
		this.messenger.onLine("/join #general");
		assertThat(this.sent).containsExactly("{\"type\":\"join\",\"room\":\"general\"}");
		this.messenger.onFrame(Json.parseObject("{\"type\":\"history\",\"room\":\"general\",\"messages\":["
				+ "{\"type\":\"message\",\"id\":1,\"room\":\"general\",\"from\":\"carol\",\"text\":\"earlier\"}]}"));
		this.messenger.onFrame(Json
			.parseObject("{\"type\":\"message\",\"id\":2,\"room\":\"general\",\"from\":\"bob\",\"text\":\"now\"}"));
		this.messenger.onLine("hi all");
		assertThat(lines()).endsWith("#general JOINED", "[#general] carol: earlier", "[#general] bob: now");
		assertThat(this.sent).last()
			.isEqualTo("{\"type\":\"say\",\"room\":\"general\",\"text\":\"hi all\",\"ref\":\"r1\"}");
	}

	@Test
	void shouldRefuseUnknownPeopleAndLinesWithoutATarget() {
		this.messenger.onLine("hello?");
		this.messenger.onLine("/join nobody");
		this.messenger.onLine("/dance");
		assertThat(lines()).endsWith("! Join someone first: /join <nickname> or /join #<room>",
				"! Nobody is called 'nobody'.", "! Unknown command /dance: type /help");
		assertThat(this.sent).isEmpty();
	}

	@Test
	void shouldSayByeOnQuit() {
		assertThat(this.messenger.onLine("/quit")).isFalse();
		assertThat(lines()).endsWith("BYE");
		assertThat(this.closed).isTrue();
	}

	@Test
	void shouldAnnouncePresenceAndErrors() {
		this.messenger.onFrame(Json.parseObject("{\"type\":\"presence\",\"joined\":\"carol\"}"));
		this.messenger.onLine("/join carol");
		this.messenger.onFrame(Json.parseObject("{\"type\":\"presence\",\"left\":\"carol\"}"));
		this.messenger.onFrame(Json.parseObject("{\"type\":\"error\",\"message\":\"Too many frames.\"}"));
		assertThat(lines()).endsWith("* carol is online", "carol JOINED", "* carol left", "! Too many frames.");
	}

	private List<String> lines() {
		return this.printed.toString(StandardCharsets.UTF_8).lines().toList();
	}

}
