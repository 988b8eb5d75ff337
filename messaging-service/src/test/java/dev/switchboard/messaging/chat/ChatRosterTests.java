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

	private final ChatRoster roster = new ChatRoster(10);

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
		this.roster.deliver(new ChatEvent.PresenceChanged("alice", true, 2));
		assertThat(alice.presence).isEmpty();
		assertThat(bob.presence).hasSize(1);
	}

	@Test
	void shouldGoQuietPastThePresenceBroadcastLimitAndResumeWithTheListBelowNinetyPercent() {
		List<Recorder> crowd = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			Recorder user = new Recorder(Integer.toString(i), (long) i, "user" + i);
			this.roster.add(user);
			crowd.add(user);
		}
		Recorder watcher = crowd.get(0);
		this.roster.deliver(new ChatEvent.PresenceChanged("user9", true, 10));
		assertThat(watcher.presence).hasSize(1);
		assertThat(this.roster.isQuiet()).isFalse();
		// the eleventh is past the limit of 10: nobody hears of it, nor of departures
		// above 9
		this.roster.deliver(new ChatEvent.PresenceChanged("user10", true, 11));
		assertThat(this.roster.isQuiet()).isTrue();
		this.roster.remove(crowd.get(10));
		this.roster.deliver(new ChatEvent.PresenceChanged("user10", false, 10));
		assertThat(watcher.presence).hasSize(1);
		assertThat(watcher.lists).isEmpty();
		assertThat(this.roster.isQuiet()).isTrue();
		assertThat(this.roster.withheldAnnouncements()).isEqualTo(2);
		// at 9 (90% of 10) everybody gets who is online, once, then announcements resume
		this.roster.remove(crowd.get(9));
		this.roster.deliver(new ChatEvent.PresenceChanged("user9", false, 9));
		assertThat(this.roster.isQuiet()).isFalse();
		assertThat(crowd.subList(0, 9)).allSatisfy((user) -> assertThat(user.lists)
			.containsExactly(List.of("user0", "user1", "user2", "user3", "user4", "user5", "user6", "user7", "user8")));
		assertThat(watcher.presence).hasSize(1);
		this.roster.remove(crowd.get(8));
		this.roster.deliver(new ChatEvent.PresenceChanged("user8", false, 8));
		assertThat(watcher.presence).extracting(ChatEvent.PresenceChanged::nickname).containsExactly("user9", "user8");
		assertThat(watcher.lists).hasSize(1);
		assertThat(this.roster.withheldAnnouncements()).isEqualTo(2);
	}

	@Test
	void shouldListWhoIsOnlineSortedRegardlessOfCaseAndCountThem() {
		this.roster.add(new Recorder("1", 1L, "bob"));
		this.roster.add(new Recorder("2", 2L, "Alice"));
		this.roster.add(new Recorder("3", 2L, "Alice"));
		this.roster.addGuest(new Recorder("4", null, "carol"));
		assertThat(this.roster.onlineNicknames()).containsExactly("Alice", "bob", "carol");
		assertThat(this.roster.onlineCount()).isEqualTo(3);
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

		private final List<List<String>> lists = new ArrayList<>();

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

		@Override
		public void deliverOnline(List<String> nicknames) {
			this.lists.add(nicknames);
		}

	}

}
