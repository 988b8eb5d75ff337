package dev.switchboard.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two messaging replicas are one chat: WebSocket and TCP clients spread over both see
 * every room message and direct message exactly once and in order, the same people
 * online, and a guest nickname taken on one replica is refused on the other.
 */
class ReplicatedChatIT {

	private static final int MESSAGES = 30;

	private static final Duration WAIT = Duration.ofSeconds(15);

	private Suite suite;

	private SuiteHttp gateway;

	/**
	 * Registers users on a replica itself: the gateway's 5 s timeout is not under test.
	 */
	private SuiteHttp users;

	private ServiceProcess a;

	private ServiceProcess b;

	@BeforeEach
	void replicas() {
		this.suite = Suite.shared();
		this.suite.ensureHealthy();
		this.gateway = this.suite.gateway();
		List<ServiceProcess> replicas = ChatReplicas.of(this.suite);
		this.a = replicas.get(0);
		this.b = replicas.get(1);
		this.users = new SuiteHttp(this.a.url());
	}

	@Test
	void shouldDeliverRoomMessagesAcrossReplicasExactlyOnceAndInOrder() {
		JsonNode alice = Users.create(this.users, "alice");
		JsonNode bob = Users.create(this.users, "bob");
		JsonNode carol = Users.create(this.users, "carol");
		String room = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
		String guest = "guest_" + UUID.randomUUID().toString().substring(0, 8);
		try (ChatSocket aliceChat = ChatReplicas.webSocket(this.a, alice);
				ChatSocket bobChat = ChatReplicas.webSocket(this.b, bob);
				TcpChat carolChat = ChatReplicas.tcp(this.b, carol);
				TcpChat guestChat = ChatReplicas.guest(this.a, guest)) {
			aliceChat.join(room);
			bobChat.join(room);
			ChatReplicas.join(carolChat, room);
			ChatReplicas.join(guestChat, room);
			List<Long> acknowledged = say(aliceChat, room, "from A");
			List<Long> fromB = say(bobChat, room, "from B");
			List<Long> all = new ArrayList<>(acknowledged);
			all.addAll(fromB);
			assertThat(all).as("ids of one sender after the other").isSorted().doesNotHaveDuplicates();
			for (ChatSocket reader : List.of(aliceChat, bobChat)) {
				await().atMost(WAIT).until(() -> reader.messageIds(room).size() >= all.size());
				assertThat(reader.messageIds(room)).as("room messages on a socket, in order, once each")
					.containsExactlyElementsOf(all);
			}
			for (TcpChat reader : List.of(carolChat, guestChat)) {
				List<String> expected = new ArrayList<>();
				for (int i = 0; i < MESSAGES; i++) {
					expected.add("[#" + room + "] " + alice.path("nickname").asString() + ": from A " + i);
				}
				for (int i = 0; i < MESSAGES; i++) {
					expected.add("[#" + room + "] " + bob.path("nickname").asString() + ": from B " + i);
				}
				await().atMost(WAIT).until(() -> roomLines(reader, room).size() >= expected.size());
				assertThat(roomLines(reader, room)).as("room lines on a TCP chat, in order, once each")
					.containsExactlyElementsOf(expected);
			}
		}
	}

	@Test
	void shouldDeliverDirectMessagesAcrossReplicasExactlyOnceAndInOrder() {
		JsonNode alice = Users.create(this.users, "alice");
		JsonNode bob = Users.create(this.users, "bob");
		JsonNode carol = Users.create(this.users, "carol");
		try (ChatSocket aliceChat = ChatReplicas.webSocket(this.a, alice);
				ChatSocket bobChat = ChatReplicas.webSocket(this.b, bob);
				TcpChat carolChat = ChatReplicas.tcp(this.b, carol)) {
			List<Long> toBob = new ArrayList<>();
			for (int i = 0; i < MESSAGES; i++) {
				String ref = "dm-" + i;
				aliceChat
					.send(Map.of("type", "dm", "to", bob.path("nickname").asString(), "text", "dm " + i, "ref", ref));
				toBob.add(acknowledgement(aliceChat, ref).path("id").asLong());
			}
			assertThat(toBob).isSorted().doesNotHaveDuplicates();
			await().atMost(WAIT).until(() -> directIds(bobChat, bob).size() >= MESSAGES);
			assertThat(directIds(bobChat, bob)).as("DMs on the recipient's socket, in order, once each")
				.containsExactlyElementsOf(toBob);
			assertThat(directIds(aliceChat, bob)).as("the sender's socket holds each DM once: its acknowledgement")
				.containsExactlyElementsOf(toBob);

			carolChat.ask("/join " + alice.path("nickname").asString(), (line) -> line.endsWith(" JOINED"));
			for (int i = 0; i < 5; i++) {
				carolChat.send("over tcp " + i);
			}
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				expected.add("over tcp " + i);
			}
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(aliceChat.frames()
					.stream()
					.filter((frame) -> ChatSocket.type(frame, "message")
							&& carol.path("nickname").asString().equals(frame.path("from").asString()))
					.map((frame) -> frame.path("text").asString())
					.toList()).as("DMs from a TCP client on the other replica").containsExactlyElementsOf(expected));
			bobChat.send(Map.of("type", "dm", "to", carol.path("nickname").asString(), "text", "hello carol"));
			carolChat.await((line) -> line.equals(bob.path("nickname").asString() + " said: hello carol"), WAIT);
		}
	}

	@Test
	void shouldAgreeOnWhoIsOnlineOnEveryReplica() {
		JsonNode alice = Users.create(this.users, "alice");
		JsonNode bob = Users.create(this.users, "bob");
		JsonNode carol = Users.create(this.users, "carol");
		JsonNode erin = Users.create(this.users, "erin");
		String guest = "guest_" + UUID.randomUUID().toString().substring(0, 8);
		try (ChatSocket aliceChat = ChatReplicas.webSocket(this.a, alice);
				ChatSocket bobChat = ChatReplicas.webSocket(this.b, bob);
				TcpChat carolChat = ChatReplicas.tcp(this.b, carol);
				TcpChat guestChat = ChatReplicas.guest(this.a, guest)) {
			Set<String> expected = Set.of(nickname(alice), nickname(bob), nickname(carol), guest);
			await().atMost(WAIT).untilAsserted(() -> {
				Set<String> seenOnA = new TreeSet<>(aliceChat.who());
				assertThat(seenOnA).containsAll(expected);
				assertThat(new TreeSet<>(bobChat.who())).isEqualTo(seenOnA);
				assertThat(ChatReplicas.who(carolChat)).isEqualTo(seenOnA);
				assertThat(ChatReplicas.who(guestChat)).isEqualTo(seenOnA);
			});
			for (ServiceProcess replica : List.of(this.a, this.b)) {
				SuiteHttp.Answer found = new SuiteHttp(replica.url()).get("/api/users?nickname=" + nickname(carol));
				assertThat(found.json().get(0).path("online").asBoolean()).as("%s on %s", found, replica.name())
					.isTrue();
			}
			assertJoinedOnceAndLeftOnce(aliceChat, bobChat, carolChat, erin);
		}
	}

	/**
	 * Erin opens a socket on each replica, then closes them one by one: the others hear
	 * "joined" once, when the first opens, and "left" once, when the last closes.
	 */
	private void assertJoinedOnceAndLeftOnce(ChatSocket onA, ChatSocket onB, TcpChat tcpOnB, JsonNode erin) {
		String name = nickname(erin);
		ChatSocket first = ChatReplicas.webSocket(this.a, erin);
		ChatSocket second = ChatReplicas.webSocket(this.b, erin);
		assertThat(second.who()).contains(name);
		for (ChatSocket listener : List.of(onA, onB)) {
			listener.await((frame) -> name.equals(frame.path("joined").asString()), WAIT);
		}
		tcpOnB.await((line) -> line.equals("* " + name + " is online"), WAIT);
		first.close();
		// a marker after it: someone else comes and goes; by then a wrong "left" would be
		// there
		JsonNode marker = Users.create(this.users, "marker");
		ChatReplicas.webSocket(this.a, marker).close();
		for (ChatSocket listener : List.of(onA, onB)) {
			listener.await((frame) -> nickname(marker).equals(frame.path("left").asString()), WAIT);
			assertThat(listener.frames().stream().filter((frame) -> name.equals(frame.path("joined").asString())))
				.as("joined once for two connections")
				.hasSize(1);
			assertThat(listener.frames().stream().filter((frame) -> name.equals(frame.path("left").asString())))
				.as("not left while a connection stays open")
				.isEmpty();
		}
		assertThat(onA.who()).contains(name);
		second.close();
		for (ChatSocket listener : List.of(onA, onB)) {
			listener.await((frame) -> name.equals(frame.path("left").asString()), WAIT);
		}
		tcpOnB.await((line) -> line.equals("* " + name + " left"), WAIT);
		assertThat(onB.who()).doesNotContain(name);
	}

	@Test
	void shouldRefuseOnOneReplicaAGuestNicknameTakenOnTheOther() {
		String nickname = "guest_" + UUID.randomUUID().toString().substring(0, 8);
		JsonNode registered = Users.create(this.users, "owner");
		try (TcpChat onA = ChatReplicas.guest(this.a, nickname)) {
			try (TcpChat onB = TcpChat.connect(ChatReplicas.chatPort(this.b))) {
				assertThat(onB.ask("/nick " + nickname, (line) -> line.startsWith("OK") || line.startsWith("ERROR")))
					.as("a guest nickname taken on the other replica")
					.startsWith("ERROR");
				assertThat(onB.ask("/nick " + nickname(registered),
						(line) -> line.startsWith("OK") || line.startsWith("ERROR")))
					.as("a registered nickname")
					.startsWith("ERROR");
			}
		}
		// released when its guest leaves
		await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			try (TcpChat onB = TcpChat.connect(ChatReplicas.chatPort(this.b))) {
				assertThat(onB.ask("/nick " + nickname, (line) -> line.startsWith("OK") || line.startsWith("ERROR")))
					.isEqualTo("OK you are " + nickname + " (guest)");
			}
		});
	}

	/** Send the messages of one sender, each waiting for its acknowledgement. */
	private static List<Long> say(ChatSocket chat, String room, String text) {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			String ref = text + "-" + i;
			chat.send(Map.of("type", "say", "room", room, "text", text + " " + i, "ref", ref));
			ids.add(acknowledgement(chat, ref).path("id").asLong());
		}
		return ids;
	}

	/** Wait for the acknowledgement of a frame, and check it is the only one. */
	static JsonNode acknowledgement(ChatSocket chat, String ref) {
		JsonNode ack = chat
			.await((frame) -> ChatSocket.type(frame, "message") && ref.equals(frame.path("ref").asString()), WAIT);
		assertThat(chat.frames().stream().filter((frame) -> ref.equals(frame.path("ref").asString())))
			.as("acknowledgements of %s", ref)
			.hasSize(1);
		return ack;
	}

	private static List<String> roomLines(TcpChat chat, String room) {
		return chat.lines().stream().filter((line) -> line.startsWith("[#" + room + "] ")).toList();
	}

	/** The ids of the DMs to a user a socket received. */
	private static List<Long> directIds(ChatSocket chat, JsonNode to) {
		return chat.frames()
			.stream()
			.filter((frame) -> ChatSocket.type(frame, "message") && nickname(to).equals(frame.path("to").asString()))
			.map((frame) -> frame.path("id").asLong())
			.toList();
	}

	private static String nickname(JsonNode user) {
		return user.path("nickname").asString();
	}

}
