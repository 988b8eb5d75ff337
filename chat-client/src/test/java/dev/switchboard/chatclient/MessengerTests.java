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
	void shouldRejoinTheRoomsItIsInFromTheLastMessageReceivedThere() {
		this.messenger.onLine("/join #general");
		this.messenger.onFrame(Json.parseObject("{\"type\":\"history\",\"room\":\"general\",\"messages\":["
				+ "{\"type\":\"message\",\"id\":4,\"room\":\"general\",\"from\":\"carol\",\"text\":\"earlier\"}]}"));
		this.messenger.onLine("/join #empty");
		this.messenger.onFrame(Json.parseObject("{\"type\":\"history\",\"room\":\"empty\",\"messages\":[]}"));
		this.messenger.onLine("/join #gone");
		this.messenger.onFrame(Json.parseObject("{\"type\":\"history\",\"room\":\"gone\",\"messages\":[]}"));
		this.messenger.onLine("/leave");
		this.messenger.onLine("/join #general");
		this.messenger.onLine("mine");
		// the acknowledgement of this user's own line counts as received
		this.messenger.onFrame(Json.parseObject("{\"type\":\"message\",\"id\":9,\"room\":\"general\","
				+ "\"from\":\"alice\",\"text\":\"mine\",\"ref\":\"r1\"}"));
		assertThat(this.messenger.rejoinFrames()).containsExactly(
				"{\"type\":\"join\",\"room\":\"general\",\"since\":9}",
				"{\"type\":\"join\",\"room\":\"empty\",\"since\":0}");
	}

	@Test
	void shouldPrintEachMessageOnceWhateverRepeatsIt() {
		this.messenger.onLine("/join #general");
		this.messenger.onFrame(Json.parseObject("{\"type\":\"history\",\"room\":\"general\",\"messages\":["
				+ "{\"type\":\"message\",\"id\":4,\"room\":\"general\",\"from\":\"carol\",\"text\":\"earlier\"}]}"));
		this.messenger.onFrame(Json.parseObject(
				"{\"type\":\"message\",\"id\":4,\"room\":\"general\",\"from\":\"carol\",\"text\":\"earlier\"}"));
		this.messenger.onFrame(
				Json.parseObject("{\"type\":\"message\",\"id\":6,\"to\":\"alice\",\"from\":\"bob\",\"text\":\"dm\"}"));
		this.messenger.onFrame(Json.parseObject("{\"type\":\"welcome\",\"nickname\":\"alice\",\"online\":[\"bob\"]}"));
		this.messenger.rejoinFrames();
		this.messenger.onFrame(Json.parseObject("{\"type\":\"history\",\"room\":\"general\",\"messages\":["
				+ "{\"type\":\"message\",\"id\":4,\"room\":\"general\",\"from\":\"carol\",\"text\":\"earlier\"},"
				+ "{\"type\":\"message\",\"id\":7,\"room\":\"general\",\"from\":\"bob\",\"text\":\"missed\"}]}"));
		this.messenger.onFrame(
				Json.parseObject("{\"type\":\"message\",\"id\":6,\"to\":\"alice\",\"from\":\"bob\",\"text\":\"dm\"}"));
		this.messenger.onFrame(Json
			.parseObject("{\"type\":\"message\",\"id\":7,\"room\":\"general\",\"from\":\"bob\",\"text\":\"missed\"}"));
		assertThat(lines()).endsWith("#general JOINED", "[#general] carol: earlier", "bob said: dm",
				"Reconnected as alice. Online: bob", "#general REJOINED: 1 message missed", "[#general] bob: missed");
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

	@Test
	void shouldShowControlCharactersOfADirectMessageInsteadOfObeyingThem() {
		this.messenger.onFrame(Json.parseObject("{\"type\":\"message\",\"id\":5,\"to\":\"alice\",\"from\":\"bob\","
				+ "\"text\":\"\\u001b]0;pwned\\u0007\\u001b[2Jhi\\nalice said: fake\"}"));
		assertThat(lines()).endsWith("bob said: ^[]0;pwned^G^[[2Jhi^Jalice said: fake");
		assertNoControlCharacters();
	}

	@Test
	void shouldShowControlCharactersAndDropBidiControlsInEverythingFromTheNetwork() {
		this.messenger.onFrame(Json
			.parseObject("{\"type\":\"welcome\",\"nickname\":\"al\\u001bice\"," + "\"online\":[\"x\\u009by\"]}"));
		this.messenger.onFrame(Json.parseObject("{\"type\":\"history\",\"room\":\"r\\u0007\",\"messages\":["
				+ "{\"type\":\"message\",\"id\":1,\"room\":\"r\\u0007\",\"from\":\"ev\\u202eil\",\"text\":\"t\\u2066x\"}]}"));
		this.messenger.onFrame(Json.parseObject(
				"{\"type\":\"message\",\"id\":2,\"room\":\"r\\u001b\",\"from\":\"m\\u007f\",\"text\":\"now\"}"));
		this.messenger.onFrame(Json.parseObject("{\"type\":\"presence\",\"joined\":\"c\\u001b[31m\"}"));
		this.messenger.onFrame(Json.parseObject("{\"type\":\"presence\",\"left\":\"d\\r\"}"));
		this.messenger.onFrame(Json.parseObject("{\"type\":\"presence\",\"online\":[\"e\\u0000\"]}"));
		this.messenger.onFrame(Json.parseObject("{\"type\":\"error\",\"message\":\"bad\\u001b[2J\"}"));
		assertThat(lines()).endsWith("Reconnected as al^[ice. Online: xM-^[y", "#r^G JOINED", "[#r^G] evil: tx",
				"[#r^[] m^?: now", "* c^[[31m is online", "* d^M left", "Online: e^@", "! bad^[[2J");
		assertNoControlCharacters();
	}

	private void assertNoControlCharacters() {
		String printed = this.printed.toString(StandardCharsets.UTF_8);
		assertThat(printed.chars()).noneMatch((c) -> Character.getType(c) == Character.CONTROL && c != '\n')
			.noneMatch((c) -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
	}

	private List<String> lines() {
		return this.printed.toString(StandardCharsets.UTF_8).lines().toList();
	}

}
