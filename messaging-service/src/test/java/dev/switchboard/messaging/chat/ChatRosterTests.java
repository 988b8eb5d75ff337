package dev.switchboard.messaging.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import dev.switchboard.messaging.messages.ChatMessage;

/**
 * Tests for {@link ChatRoster}.
 */
class ChatRosterTests {

	private final ChatRoster roster = new ChatRoster();

	@Test
	void shouldTellWhenSomeoneComesOnlineAndGoesOfflineAcrossTheirConnections() {
		Recorder first = new Recorder("1", 1L, "Alice");
		Recorder second = new Recorder("2", 1L, "Alice");
		assertThat(this.roster.add(first)).isTrue();
		assertThat(this.roster.add(second)).isFalse();
		assertThat(this.roster.onlineNicknames()).containsExactly("Alice");
		assertThat(this.roster.onlineUserIds()).containsExactly(1L);
		assertThat(this.roster.remove(first)).isFalse();
		assertThat(this.roster.remove(second)).isTrue();
		assertThat(this.roster.remove(second)).isFalse();
		assertThat(this.roster.onlineNicknames()).isEmpty();
	}

	@Test
	void shouldRefuseAGuestWhoseNicknameIsInUseInAnyCase() {
		this.roster.add(new Recorder("1", 1L, "alice"));
		assertThat(this.roster.addGuest(new Recorder("2", null, "ALICE"))).isFalse();
		Recorder guest = new Recorder("3", null, "zed");
		assertThat(this.roster.addGuest(guest)).isTrue();
		assertThat(this.roster.isInUseByGuest("Zed")).isTrue();
		assertThat(this.roster.isInUseByGuest("alice")).isFalse();
		assertThat(this.roster.onlineUserIds()).containsExactly(1L);
	}

	@Test
	void shouldDeliverRoomMessagesToMembersAndTheOriginOnly() {
		Recorder alice = new Recorder("1", 1L, "alice");
		Recorder bob = new Recorder("2", 2L, "bob");
		Recorder carol = new Recorder("3", 3L, "carol");
		List.of(alice, bob, carol).forEach(this.roster::add);
		this.roster.join(bob, "general");
		this.roster.deliver(new ChatEvent.MessagePosted(message("general", null), "1", "r1"));
		assertThat(alice.messages).hasSize(1);
		assertThat(bob.messages).hasSize(1);
		assertThat(carol.messages).isEmpty();
		assertThat(this.roster.leave(bob, "general")).isTrue();
		assertThat(this.roster.leave(bob, "general")).isFalse();
		assertThat(this.roster.rooms()).isEmpty();
	}

	@Test
	void shouldDeliverDirectMessagesToEveryConnectionOfSenderAndRecipient() {
		Recorder alice1 = new Recorder("1", 1L, "alice");
		Recorder alice2 = new Recorder("2", 1L, "alice");
		Recorder bob = new Recorder("3", 2L, "bob");
		Recorder carol = new Recorder("4", 3L, "carol");
		List.of(alice1, alice2, bob, carol).forEach(this.roster::add);
		this.roster.deliver(new ChatEvent.MessagePosted(message(null, "BOB"), "1", null));
		assertThat(List.of(alice1, alice2, bob)).allSatisfy((c) -> assertThat(c.messages).hasSize(1));
		assertThat(carol.messages).isEmpty();
	}

	@Test
	void shouldAnnouncePresenceToEverybodyElse() {
		Recorder alice = new Recorder("1", 1L, "alice");
		Recorder bob = new Recorder("2", 2L, "bob");
		this.roster.add(alice);
		this.roster.add(bob);
		this.roster.deliver(new ChatEvent.PresenceChanged("alice", true));
		assertThat(alice.presence).isEmpty();
		assertThat(bob.presence).hasSize(1);
	}

	@Test
	void shouldForgetTheRoomsOfARemovedConnection() {
		Recorder alice = new Recorder("1", 1L, "alice");
		this.roster.add(alice);
		this.roster.join(alice, "a");
		this.roster.join(alice, "b");
		assertThat(this.roster.roomsOf(alice)).containsExactly("a", "b");
		assertThat(this.roster.rooms()).containsEntry("a", 1).containsEntry("b", 1);
		this.roster.remove(alice);
		assertThat(this.roster.rooms()).isEmpty();
		assertThat(this.roster.members("a")).isEmpty();
	}

	private static ChatMessage message(String room, String to) {
		return new ChatMessage(1, room, to, "alice", "hi", Instant.now());
	}

	private static final class Recorder implements ChatConnection {

		private final String id;

		private final ChatIdentity identity;

		private final List<ChatEvent.MessagePosted> messages = new ArrayList<>();

		private final List<ChatEvent.PresenceChanged> presence = new ArrayList<>();

		Recorder(String id, Long userId, String nickname) {
			this.id = id;
			this.identity = new ChatIdentity(userId, nickname);
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public ChatIdentity identity() {
			return this.identity;
		}

		@Override
		public void deliver(ChatEvent.MessagePosted event) {
			this.messages.add(event);
		}

		@Override
		public void deliver(ChatEvent.PresenceChanged event) {
			this.presence.add(event);
		}

	}

}
