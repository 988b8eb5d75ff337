package dev.switchboard.messaging.chat;

import java.util.List;

import java.util.Optional;

import dev.switchboard.messaging.messages.MessageService;
import dev.switchboard.messaging.system.MessagingProperties;
import dev.switchboard.messaging.users.User;
import dev.switchboard.messaging.users.UserService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ChatService}: guests of the TCP chat against registered nicknames.
 */
class ChatServiceTests {

	private final ChatRoster roster = new ChatRoster(1000);

	private final ChatFanout fanout = mock(ChatFanout.class);

	private final UserService users = mock(UserService.class);

	private final ChatService chat = new ChatService(this.roster, new InProcessPresence(this.roster), this.fanout,
			new LocalRoomOrder(this.fanout), mock(MessageService.class), this.users, new ArrivalReads(1),
			new Binder(new MapConfigurationPropertySource()).bindOrCreate("switchboard.messaging",
					MessagingProperties.class));

	@Test
	void shouldPutAGuestOnlineUnderAFreeNickname() {
		given(this.users.findByNickname("Zed")).willReturn(Optional.empty());
		Guest guest = new Guest("1", this.chat.guest("Zed"));
		assertThat(this.chat.signInGuest(guest).nicknames()).containsExactly("Zed");
		assertThat(this.roster.isInUseByGuest("zed")).isTrue();
		then(this.fanout).should()
			.publish(argThat((event) -> event instanceof ChatEvent.PresenceChanged presence
					&& presence.nickname().equals("Zed") && presence.online()));
	}

	@Test
	void shouldRefuseAGuestTheNicknameOfARegisteredUser() {
		given(this.users.findByNickname("Alice")).willReturn(Optional.of(mock(User.class)));
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> this.chat.guest("Alice"))
			.withMessageContaining("belongs to a registered user");
	}

	@Test
	void shouldTakeAGuestOfflineAgainWhenItsNicknameWasRegisteredWhileItSignedIn() {
		// free when the guest asks for it; registered before the guest is online
		given(this.users.findByNickname("Racer")).willReturn(Optional.empty(), Optional.of(mock(User.class)));
		Guest guest = new Guest("1", this.chat.guest("Racer"));
		assertThatExceptionOfType(ChatException.class).isThrownBy(() -> this.chat.signInGuest(guest))
			.withMessageContaining("belongs to a registered user");
		assertThat(this.roster.isInUseByGuest("Racer")).isFalse();
		assertThat(this.roster.onlineNicknames()).isEmpty();
		then(this.fanout).shouldHaveNoInteractions();
	}

	private record Guest(String id, ChatIdentity identity) implements ChatConnection {

		@Override
		public void deliver(ChatEvent.MessagePosted event) {
		}

		@Override
		public void deliver(ChatEvent.PresenceChanged event) {
		}

		@Override
		public void deliverOnline(List<String> nicknames) {
		}

	}

}
