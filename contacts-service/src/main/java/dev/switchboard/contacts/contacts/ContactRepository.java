package dev.switchboard.contacts.contacts;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
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

	Contact saveAndFlush(Contact contact);

	void delete(Contact contact);

	void flush();

}
