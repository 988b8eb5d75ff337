package dev.switchboard.messaging.users;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users, as the service reads and writes them.
 */
public interface UserRepository extends Repository<User, Long> {

	User saveAndFlush(User user);

	void delete(User user);

	@Transactional(readOnly = true)
	Optional<User> findById(long id);

	@Transactional(readOnly = true)
	Optional<User> findByNicknameKey(String nicknameKey);

	@Transactional(readOnly = true)
	Optional<User> findByTokenHash(String tokenHash);

	@Transactional(readOnly = true)
	boolean existsByNicknameKey(String nicknameKey);

	@Transactional(readOnly = true)
	List<User> findByIdGreaterThanOrderByIdAsc(long id, Limit limit);

}
