package dev.switchboard.contacts.addressbook;

import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored contacts.
 */
interface ContactRepository extends Repository<Contact, Long> {

	@Transactional(readOnly = true)
	Optional<Contact> findById(long id);

	@Transactional(readOnly = true)
	Page<Contact> findAll(Pageable pageable);

	/**
	 * Find the contacts whose name or mail contains the text, ignoring case.
	 * @param name the text searched in names
	 * @param mail the text searched in mails (the same text)
	 * @param pageable the page
	 * @return a page of contacts
	 */
	@Transactional(readOnly = true)
	Page<Contact> findByNameContainingIgnoreCaseOrMailContainingIgnoreCase(String name, String mail, Pageable pageable);

	/**
	 * Read the contacts after a position, by id (keyset scrolling: a list read page by
	 * page never holds more than a page).
	 * @param position where the previous page ended
	 * @param limit the page's size
	 * @return the page
	 */
	@Transactional(readOnly = true)
	Window<Contact> findByOrderById(ScrollPosition position, Limit limit);

	/**
	 * Read the contacts whose name or mail contains the text, ignoring case, after a
	 * position, by id.
	 * @param name the text searched in names
	 * @param mail the text searched in mails (the same text)
	 * @param position where the previous page ended
	 * @param limit the page's size
	 * @return the page
	 */
	@Transactional(readOnly = true)
	Window<Contact> findByNameContainingIgnoreCaseOrMailContainingIgnoreCaseOrderById(String name, String mail,
			ScrollPosition position, Limit limit);

	Contact saveAndFlush(Contact contact);

	void delete(Contact contact);

	void flush();

}
