package dev.switchboard.messaging.users;

import java.time.Instant;

import dev.switchboard.test.postgres.WithEmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link UserRepository} on a real PostgreSQL, schema by the Flyway migrations.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@WithEmbeddedPostgres
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class UserRepositoryTests {

	@Autowired
	private UserRepository users;

	@Test
	void shouldFindUsersByNicknameKeyAndTokenHash() {
		User saved = this.users.saveAndFlush(new User("Repo_Alice", Tokens.hash("t-alice"), Instant.now()));
		assertThat(this.users.findByNicknameKey("repo_alice")).get().extracting(User::getId).isEqualTo(saved.getId());
		assertThat(this.users.findByTokenHash(Tokens.hash("t-alice"))).isPresent();
		assertThat(this.users.findByTokenHash(Tokens.hash("t-other"))).isEmpty();
		assertThat(this.users.existsByNicknameKey("repo_alice")).isTrue();
		assertThat(this.users.findByIdGreaterThanOrderByIdAsc(saved.getId() - 1, Limit.of(10))).first()
			.extracting(User::getNickname)
			.isEqualTo("Repo_Alice");
	}

	@Test
	void shouldRefuseTheSameNicknameInAnotherCaseThroughTheUniqueIndex() {
		this.users.saveAndFlush(new User("repo_bob", Tokens.hash("t-bob"), Instant.now()));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.users.saveAndFlush(new User("REPO_BOB", Tokens.hash("t-bob2"), Instant.now())));
	}

}
