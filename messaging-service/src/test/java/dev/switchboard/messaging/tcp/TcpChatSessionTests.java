package dev.switchboard.messaging.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatIdentity;
import dev.switchboard.messaging.messages.ChatMessage;
import dev.switchboard.messaging.chat.ChatService;
import dev.switchboard.messaging.chat.RateLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The TCP chat session against a connection in memory: one line encoded once for all its
 * readers, and the sign-in deadline.
 */
class TcpChatSessionTests {

	private final ChatService chat = mock(ChatService.class);

	private final SignInDeadlines deadlines = new SignInDeadlines();

	private final List<FakeConnection> connections = new ArrayList<>();

	@AfterEach
	void hangUp() {
		this.connections.forEach(FakeConnection::hangUp);
		this.deadlines.destroy();
	}

	@Test
	void shouldEncodeALineOnceForAllItsReaders() {
		given(this.chat.authenticate(anyString()))
			.willAnswer((invocation) -> Optional.of(new ChatIdentity(1L, invocation.getArgument(0))));
		given(this.chat.signIn(any())).willReturn(new ChatService.Online(List.of(), 0));
		List<TcpChatSession> readers = new ArrayList<>();
		for (String nickname : List.of("alice", "bob", "carol", "dave", "Bob")) {
			readers.add(signedIn(nickname));
		}
		ChatEvent.MessagePosted room = new ChatEvent.MessagePosted(
				new ChatMessage(7, "general", null, "erin", "hello all", Instant.now()), null, null);
		ChatEvent.PresenceChanged presence = new ChatEvent.PresenceChanged("erin", true, 2);
		ChatEvent.MessagePosted direct = new ChatEvent.MessagePosted(
				new ChatMessage(8, null, "bob", "alice", "psst", Instant.now()), null, null);
		for (TcpChatSession reader : readers) {
			reader.session().deliver(room);
		}
		byte[] roomLine = this.connections.getFirst().last();
		assertThat(this.connections).allSatisfy((connection) -> assertThat(connection.last()).isSameAs(roomLine));
		assertThat(new String(roomLine)).isEqualTo("[#general] erin: hello all\n");

		for (TcpChatSession reader : readers) {
			reader.session().deliver(presence);
		}
		byte[] presenceLine = this.connections.getFirst().last();
		assertThat(this.connections).allSatisfy((connection) -> assertThat(connection.last()).isSameAs(presenceLine));
		assertThat(new String(presenceLine)).isEqualTo("* erin is online\n");

		// the sender's and the recipient's connections: one array for each side
		readers.get(0).session().deliver(direct);
		readers.get(1).session().deliver(direct);
		readers.get(4).session().deliver(direct);
		assertThat(new String(this.connections.get(0).last())).isEqualTo("you said to bob: psst\n");
		assertThat(new String(this.connections.get(1).last())).isEqualTo("alice said: psst\n");
		assertThat(this.connections.get(4).last()).isSameAs(this.connections.get(1).last());
	}

	@Test
	void shouldCloseAConnectionThatDoesNotSignInInTimeWithALineSayingWhy() {
		FakeConnection connection = start(Duration.ofMillis(300));
		connection.type("/help");
		await().atMost(Duration.ofSeconds(10)).until(() -> connection.closing);
		assertThat(connection.lines().getLast()).isEqualTo("ERROR Not signed in within 300ms: sign in with "
				+ "/auth <token> or /nick NAME right after connecting. Closing the connection.");
		assertThat(connection.refusals).containsExactly(TcpChatSession.SIGN_IN_TIMEOUT);
	}

	@Test
	void shouldKeepAConnectionThatSignedInInTime() {
		given(this.chat.guest("zoe")).willReturn(new ChatIdentity(null, "zoe"));
		given(this.chat.signInGuest(any())).willReturn(new ChatService.Online(List.of("zoe"), 1));
		FakeConnection connection = start(Duration.ofMillis(300));
		connection.type("/nick zoe");
		await().until(() -> connection.lines().contains("OK you are zoe (guest)"));
		// past twice the deadline, nothing happened
		await().during(Duration.ofMillis(600))
			.atMost(Duration.ofSeconds(5))
			.until(() -> !connection.closing && connection.refusals.isEmpty());
	}

	private TcpChatSession signedIn(String nickname) {
		FakeConnection connection = new FakeConnection();
		TcpChatSession session = session(connection, Duration.ofMinutes(1));
		connection.type("/auth " + nickname);
		await().until(() -> connection.lines().contains("OK signed in as " + nickname));
		return session;
	}

	private FakeConnection start(Duration signInTimeout) {
		FakeConnection connection = new FakeConnection();
		session(connection, signInTimeout);
		return connection;
	}

	private TcpChatSession session(FakeConnection connection, Duration signInTimeout) {
		this.connections.add(connection);
		TcpChatSession session = new TcpChatSession("tcp-test-" + this.connections.size(), connection, this.chat,
				new RateLimiter(20, 40), this.deadlines, signInTimeout);
		Thread.ofVirtual().start(session::run);
		return session;
	}

}
