package dev.switchboard.messaging.users;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers users, checks their tokens and changes their status.
 */
@Service
public class UserService {

	private final UserRepository users;

	private final GuestNicknames guests;

	public UserService(UserRepository users, GuestNicknames guests) {
		this.users = users;
		this.guests = guests;
	}

	/**
	 * Register a user under a new nickname. Two concurrent registrations of one nickname
	 * cannot both succeed: the unique index on the lower-case nickname decides. Nor can a
	 * registration and a guest of the TCP chat signing in under the same nickname.
	 * @param nickname a valid nickname
	 * @return the new user with its token, which is not stored and cannot be shown again
	 * @throws NicknameTakenException when someone has this nickname already
	 */
	public CreatedUser register(String nickname) {
		String key = Nicknames.key(nickname);
		if (this.users.existsByNicknameKey(key) || this.guests.isInUseByGuest(nickname)) {
			throw new NicknameTakenException(nickname);
		}
		String token = Tokens.newToken();
		User user = new User(nickname, Tokens.hash(token), Instant.now().truncatedTo(ChronoUnit.MILLIS));
		try {
			user = this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			// lost a race with another registration of the same nickname
			throw new NicknameTakenException(nickname);
		}
		// A guest of the TCP chat may have come online under this nickname since the
		// check
		// above. A guest looks for registered users once online, and this user is stored
		// before looking for guests again here: of the two, the later one always sees the
		// other and gives way.
		if (this.guests.isInUseByGuest(nickname)) {
			this.users.delete(user);
			throw new NicknameTakenException(nickname);
		}
		return new CreatedUser(user.getId(), user.getNickname(), user.getStatus(), token);
	}

	/**
	 * Find the owner of a bearer token.
	 * @param token the token as the client sent it
	 * @return its owner, or empty when no user has it
	 */
	public Optional<User> authenticate(String token) {
		if (token == null || token.isBlank() || token.length() > 512) {
			return Optional.empty();
		}
		return this.users.findByTokenHash(Tokens.hash(token.strip()));
	}

	/**
	 * Return a user.
	 * @param id the user's id
	 * @return the user
	 * @throws UserNotFoundException when there is none
	 */
	public User get(long id) {
		return this.users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
	}

	/**
	 * Find a user by nickname, in any case.
	 * @param nickname the nickname
	 * @return the user, or empty
	 */
	public Optional<User> findByNickname(String nickname) {
		return this.users.findByNicknameKey(Nicknames.key(nickname));
	}

	/**
	 * List users by increasing id.
	 * @param afterId only users with a greater id
	 * @param limit how many at most
	 * @return the users
	 */
	public List<User> list(long afterId, int limit) {
		return this.users.findByIdGreaterThanOrderByIdAsc(afterId, Limit.of(limit));
	}

	/**
	 * Change a user's status.
	 * @param id the user's id
	 * @param status the new status
	 * @return the updated user
	 * @throws UserNotFoundException when there is none
	 */
	@Transactional
	public User updateStatus(long id, String status) {
		User user = get(id);
		user.setStatus(status);
		return user;
	}

}
