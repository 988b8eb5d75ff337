package dev.switchboard.contacts.tcp;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Pageable;
import org.springframework.transaction.CannotCreateTransactionException;

import dev.switchboard.contacts.addressbook.ContactNotFoundException;
import dev.switchboard.contacts.addressbook.ContactRequest;
import dev.switchboard.contacts.addressbook.ContactService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What a TCP client reads when a command fails: the address book's own refusal, that the
 * address book is unavailable when the store is down, an internal error otherwise.
 */
class ContactCommandsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ContactService service = mock(ContactService.class);

	private final ContactCommands commands = new ContactCommands(this.service, new ContactsProtocolProperties(1000, 8));

	private static final String LIST = "{\"cmd\": \"list\", \"args\": {}}";

	private static final String UNAVAILABLE = "the address book is unavailable right now, try again later";

	@Test
	void shouldSayTheAddressBookIsUnavailableWhenNoTransactionCanBegin() {
		given(this.service.create(any(ContactRequest.class)))
			.willThrow(new CannotCreateTransactionException("Could not open JPA EntityManager for transaction"));
		assertError("{\"cmd\": \"add\", \"args\": {\"name\": \"Ada\", \"mail\": \"ada@example.org\"}}", UNAVAILABLE);
	}

	@Test
	void shouldSayTheAddressBookIsUnavailableWhenAQueryLosesItsConnection() {
		given(this.service.find(isNull(), any(Pageable.class)))
			.willThrow(new DataAccessResourceFailureException("An I/O error occurred while sending to the backend"));
		assertError(LIST, UNAVAILABLE);
	}

	@Test
	void shouldAnswerTheAddressBooksRefusalWithItsMessage() {
		given(this.service.get(42)).willThrow(new ContactNotFoundException(42));
		assertError("{\"cmd\": \"get\", \"args\": {\"id\": 42}}", "No contact with id 42.");
	}

	@Test
	void shouldAnswerAStorageFailureThatIsNoOutageAsAnInternalError() {
		given(this.service.find(isNull(), any(Pageable.class)))
			.willThrow(new InvalidDataAccessApiUsageException("a bug in a query, not an outage"));
		assertError(LIST, "internal error: the command failed on the server");
	}

	private void assertError(String request, String message) {
		CommandReply reply = this.commands.execute(json.readTree(request));
		assertThat(reply).isEqualTo(new CommandReply(false, message, null));
	}

}
