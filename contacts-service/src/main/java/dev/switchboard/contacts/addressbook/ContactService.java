package dev.switchboard.contacts.addressbook;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * The address book, the one store behind REST and the TCP protocol. A duplicate mail is
 * refused by the database's unique constraint, never by a check-then-insert, so that it
 * holds under concurrency.
 */
@Service
@Validated
public class ContactService {

	private final ContactRepository repository;

	private final Validator validator;

	ContactService(ContactRepository repository, Validator validator) {
		this.repository = repository;
		this.validator = validator;
	}

	/**
	 * List contacts, optionally those whose name or mail contains a text.
	 * @param query the text, ignoring case; {@code null} or blank for every contact
	 * @param pageable the page and sort
	 * @return a page of contacts
	 */
	@Transactional(readOnly = true)
	public Page<Contact> find(String query, Pageable pageable) {
		if (!StringUtils.hasText(query)) {
			return this.repository.findAll(pageable);
		}
		String text = query.strip();
		return this.repository.findByNameContainingIgnoreCaseOrMailContainingIgnoreCase(text, text, pageable);
	}

	/**
	 * List the contacts after an id, by id, optionally those whose name or mail contains
	 * a text: the next page of a list read page by page.
	 * @param query the text, ignoring case; {@code null} or blank for every contact
	 * @param afterId the id of the last contact of the previous page (0 for the first)
	 * @param size the most contacts to return
	 * @return the contacts, by id
	 */
	@Transactional(readOnly = true)
	public List<Contact> findAfter(String query, long afterId, int size) {
		ScrollPosition position = ScrollPosition.forward(Map.of("id", afterId));
		if (!StringUtils.hasText(query)) {
			return this.repository.findByOrderById(position, Limit.of(size)).getContent();
		}
		String text = query.strip();
		return this.repository
			.findByNameContainingIgnoreCaseOrMailContainingIgnoreCaseOrderById(text, text, position, Limit.of(size))
			.getContent();
	}

	@Transactional(readOnly = true)
	public Contact get(long id) {
		return this.repository.findById(id).orElseThrow(() -> new ContactNotFoundException(id));
	}

	@Transactional
	public Contact create(@Valid ContactRequest request) {
		return save(new Contact(request), request);
	}

	@Transactional
	public Contact replace(long id, @Valid ContactRequest request) {
		Contact contact = get(id);
		contact.apply(request);
		return save(contact, request);
	}

	@Transactional
	public Contact patch(long id, ContactPatch patch) {
		Contact contact = get(id);
		ContactRequest request = patch.applyTo(ContactRequest.of(contact));
		Set<ConstraintViolation<ContactRequest>> violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			throw new ConstraintViolationException(violations);
		}
		contact.apply(request);
		return save(contact, request);
	}

	@Transactional
	public Contact delete(long id) {
		Contact contact = get(id);
		try {
			this.repository.delete(contact);
			this.repository.flush();
		}
		catch (OptimisticLockingFailureException ex) {
			throw new ContactChangedException(id, ex);
		}
		return contact;
	}

	private Contact save(Contact contact, ContactRequest request) {
		try {
			return this.repository.saveAndFlush(contact);
		}
		catch (DataIntegrityViolationException ex) {
			throw new DuplicateMailException(request.mail(), ex);
		}
		catch (OptimisticLockingFailureException ex) {
			throw new ContactChangedException(contact.getId(), ex);
		}
	}

}
