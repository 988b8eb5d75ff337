package dev.switchboard.contacts.addressbook;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import dev.switchboard.test.postgres.WithEmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ContactRepository} on the schema Flyway creates in a real PostgreSQL.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@WithEmbeddedPostgres
class ContactRepositoryTests {

	@Autowired
	private ContactRepository repository;

	@Test
	void shouldStoreAContactWithANumericId() {
		Contact saved = this.repository
			.saveAndFlush(new Contact(new ContactRequest("Ada", "ada@example.org", "+44 1", "analyst")));
		assertThat(saved.getId()).isPositive();
		assertThat(this.repository.findById(saved.getId())).hasValueSatisfying((contact) -> {
			assertThat(contact.getPhone()).isEqualTo("+44 1");
			assertThat(contact.getNotes()).isEqualTo("analyst");
		});
	}

	@Test
	void shouldRefuseASecondContactWithTheSameMailWhateverItsCase() {
		this.repository.saveAndFlush(new Contact(new ContactRequest("Ada", "ada@example.org", null, null)));
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.repository
			.saveAndFlush(new Contact(new ContactRequest("Other Ada", "ADA@Example.org", null, null))));
	}

	@Test
	void shouldSearchNamesAndMailsIgnoringCaseAndWildcards() {
		this.repository.saveAndFlush(new Contact(new ContactRequest("Basile Marchand", "basile@mines.fr", null, null)));
		this.repository.saveAndFlush(new Contact(new ContactRequest("Grace", "grace@navy.mil", null, null)));
		this.repository.saveAndFlush(new Contact(new ContactRequest("100% Real", "real@example.org", null, null)));
		assertThat(search("MARCH")).extracting(Contact::getName).containsExactly("Basile Marchand");
		assertThat(search("navy")).extracting(Contact::getName).containsExactly("Grace");
		assertThat(search("%")).extracting(Contact::getName).containsExactly("100% Real");
		assertThat(search("_")).isEmpty();
	}

	private Page<Contact> search(String text) {
		return this.repository.findByNameContainingIgnoreCaseOrMailContainingIgnoreCase(text, text,
				PageRequest.of(0, 10, Sort.by("id")));
	}

}
