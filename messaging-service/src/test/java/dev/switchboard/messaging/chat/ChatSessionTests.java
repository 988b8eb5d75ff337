package dev.switchboard.messaging.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import dev.switchboard.messaging.messages.ChatMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ChatSession}, the protocol both transports share, on a transport of
 * strings.
 */
class ChatSessionTests {

	private final ChatService chat = mock(ChatService.class);

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final AtomicInteger rateLimited = new AtomicInteger();

	private final ChatSession<String> session = new ChatSession<>("t-1", this.chat, new RateLimiter(20, 2),
			new Strings(), this.sent::add, this.rateLimited::incrementAndGet, false);

	@Test
	void shouldSendAJoinsHistoryBeforeTheMessagesDeliveredMeanwhileAndEachOnce() {
		signIn();
		ChatMessage inHistory = message(5, "hello");
		ChatMessage after = message(6, "after");
		willAnswer((invocation) -> {
			// delivered while the history is read: one is in it, one is newer
			this.session.deliver(new ChatEvent.MessagePosted(inHistory, null, null));
			this.session.deliver(new ChatEvent.MessagePosted(after, null, null));
			this.session.deliver(new ChatEvent.PresenceChanged("zoe", true, 2));
			return new ChatService.RoomHistory("general", List.of(message(4, "older"), inHistory));
		}).given(this.chat).join(any(), eq("general"), eq(3L));
		this.session.handle(new ChatCommand.Join("general", 3L, "r"));
		assertThat(this.sent).containsExactly("welcome alice", "history general [older, hello] r", "message after",
				"presence zoe");
	}

	@Test
	void shouldNotSendAMessageOfTheHistoryAgainWhenItsDeliveryComesAfterTheHistory() {
		signIn();
		ChatMessage inHistory = message(5, "hello");
		given(this.chat.join(any(), eq("general"), any()))
			.willReturn(new ChatService.RoomHistory("general", List.of(inHistory)));
		this.session.handle(new ChatCommand.Join("general", null, "r"));
		// stored before the history was read, published (through another replica) after
		this.session.deliver(new ChatEvent.MessagePosted(inHistory, null, null));
		this.session.deliver(new ChatEvent.MessagePosted(message(6, "next"), null, null));
		assertThat(this.sent).containsExactly("welcome alice", "history general [hello] r", "message next");
	}

	@Test
	void shouldSendARoomMessageOnceAndNeverAnOlderOneAfterANewer() {
		signIn();
		given(this.chat.join(any(), eq("general"), any()))
			.willReturn(new ChatService.RoomHistory("general", List.of()));
		this.session.handle(new ChatCommand.Join("general", null, "r"));
		ChatMessage seven = message(7, "seven");
		this.session.deliver(new ChatEvent.MessagePosted(seven, null, null));
		this.session.deliver(new ChatEvent.MessagePosted(seven, null, null));
		this.session.deliver(new ChatEvent.MessagePosted(message(6, "six"), null, null));
		this.session.deliver(new ChatEvent.MessagePosted(message(8, "eight"), null, null));
		assertThat(this.sent).containsExactly("welcome alice", "history general [] r", "message seven",
				"message eight");
	}

	@Test
	void shouldSendTheHistoryAgainOnARejoinAfterLeaving() {
		signIn();
		ChatMessage five = message(5, "hello");
		given(this.chat.join(any(), eq("general"), any()))
			.willReturn(new ChatService.RoomHistory("general", List.of(five)));
		given(this.chat.leave(any(), eq("general"))).willReturn("general");
		this.session.handle(new ChatCommand.Join("general", null, "r1"));
		this.session.handle(new ChatCommand.Leave("general", "r2"));
		this.session.handle(new ChatCommand.Join("general", 0L, "r3"));
		this.session.deliver(new ChatEvent.MessagePosted(message(6, "next"), null, null));
		assertThat(this.sent).containsExactly("welcome alice", "history general [hello] r1", "left general",
				"history general [hello] r3", "message next");
	}

	@Test
	void shouldAnswerAStorageOutageOnceForEveryTransport() {
		signIn();
		given(this.chat.say(any(), anyString(), anyString(), any()))
			.willThrow(new DataAccessResourceFailureException("connection refused"));
		this.session.handle(new ChatCommand.Say("general", "hi", "r1"));
		assertThat(this.sent).last().isEqualTo("error " + ChatSession.STORAGE_UNAVAILABLE + " r1");
	}

	@Test
	void shouldAnswerChatErrorsWithTheirSentence() {
		signIn();
		given(this.chat.leave(any(), eq("nowhere"))).willThrow(new ChatException("You are not in #nowhere."));
		this.session.handle(new ChatCommand.Leave("nowhere", 7));
		assertThat(this.sent).last().isEqualTo("error You are not in #nowhere. 7");
	}

	@Test
	void shouldRefuseWhatComesFasterThanTheRateLimitAndCountIt() {
		assertThat(this.session.admit("a")).isTrue();
		assertThat(this.session.admit("b")).isTrue();
		assertThat(this.session.admit("c")).isFalse();
		assertThat(this.sent).containsExactly(
				"error Too many things: at most 20 per second, in bursts of up to 2. This one was dropped. c");
		assertThat(this.rateLimited).hasValue(1);
	}

	@Test
	void shouldRefuseCommandsBeforeSignIn() {
		this.session.handle(new ChatCommand.Who(null, "w"));
		assertThat(this.sent).containsExactly("error Sign in first. w");
	}

	private void signIn() {
		given(this.chat.signIn(any())).willReturn(new ChatService.Online(List.of("alice"), 1));
		this.session.signIn(new ChatIdentity(1L, "alice"), null);
	}

	private static ChatMessage message(long id, String text) {
		return new ChatMessage(id, "general", null, "bob", text, Instant.now());
	}

	/** A transport whose frames are strings, to read what the session sends. */
	private static final class Strings implements ChatReplies<String> {

		@Override
		public List<String> welcome(ChatIdentity identity, ChatService.Online online, @Nullable Object ref) {
			return List.of("welcome " + identity.nickname());
		}

		@Override
		public List<String> history(ChatService.RoomHistory history, String reader, @Nullable Object ref) {
			return List.of("history " + history.room() + " "
					+ history.messages().stream().map(ChatMessage::text).toList() + " " + ref);
		}

		@Override
		public List<String> left(String room, @Nullable Object ref) {
			return List.of("left " + room);
		}

		@Override
		public String online(@Nullable String room, List<String> nicknames, @Nullable Object ref) {
			return "online " + nicknames;
		}

		@Override
		public String rooms(Map<String, Integer> rooms, @Nullable Object ref) {
			return "rooms " + rooms;
		}

		@Override
		public String error(String message, @Nullable Object ref) {
			return "error " + message + " " + ref;
		}

		@Override
		public String message(ChatEvent.MessagePosted event, String reader, boolean origin) {
			return "message " + event.message().text();
		}

		@Override
		public String presence(ChatEvent.PresenceChanged event) {
			return "presence " + event.nickname();
		}

		@Override
		public String units() {
			return "things";
		}

	}

}
