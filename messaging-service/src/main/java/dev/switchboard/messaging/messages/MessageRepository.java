package dev.switchboard.messaging.messages;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored messages, as the service reads and writes them.
 */
interface MessageRepository extends Repository<Message, Long> {

	Message save(Message message);

	/** A user's inbox after a message id, oldest first. */
	@Transactional(readOnly = true)
	List<Message> findByRecipientIdAndIdGreaterThanOrderByIdAsc(long recipientId, long id, Limit limit);

	/** A room's messages after an id, oldest first. */
	@Transactional(readOnly = true)
	List<Message> findByRoomAndIdGreaterThanOrderByIdAsc(String room, long id, Limit limit);

	/** A room's latest messages, newest first. */
	@Transactional(readOnly = true)
	List<Message> findByRoomOrderByIdDesc(String room, Limit limit);

}
