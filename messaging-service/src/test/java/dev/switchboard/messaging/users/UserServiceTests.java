package dev.switchboard.messaging.users;

import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.test.postgres.WithEmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link UserService} on a real PostgreSQL: registration against the guests of
 * the TCP chat.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@WithEmbeddedPostgres
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class UserServiceTests {

	@Autowired
	private UserRepository users;

	@Test
	void shouldRegisterANicknameNoGuestHolds() {
		AtomicInteger guestChecks = new AtomicInteger();
		UserService service = new UserService(this.users, (nickname) -> {
			guestChecks.incrementAndGet();
			return false;
		});
		CreatedUser created = service.register("Svc_Free");
		assertThat(this.users.findByNicknameKey("svc_free")).get().extracting(User::getId).isEqualTo(created.id());
		assertThat(guestChecks).as("checked before and after storing").hasValue(2);
	}

	@Test
	void shouldRefuseANicknameAGuestHolds() {
		UserService service = new UserService(this.users, (nickname) -> nickname.equalsIgnoreCase("svc_guest"));
		assertThatExceptionOfType(NicknameTakenException.class).isThrownBy(() -> service.register("SVC_Guest"));
		assertThat(this.users.existsByNicknameKey("svc_guest")).isFalse();
	}

	@Test
	void shouldGiveWayToAGuestWhoCameOnlineWhileTheUserWasBeingStored() {
		// free at the first check; a guest signs in before the second
		AtomicInteger guestChecks = new AtomicInteger();
		UserService service = new UserService(this.users, (nickname) -> guestChecks.incrementAndGet() > 1);
		assertThatExceptionOfType(NicknameTakenException.class).isThrownBy(() -> service.register("Svc_Race"));
		assertThat(guestChecks).hasValue(2);
		assertThat(this.users.existsByNicknameKey("svc_race")).as("the stored user is removed again").isFalse();
	}

}
