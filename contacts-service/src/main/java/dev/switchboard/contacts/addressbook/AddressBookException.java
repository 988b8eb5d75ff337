package dev.switchboard.contacts.addressbook;

/**
 * A request the address book refuses, whatever the protocol that sent it: its message is
 * the sentence the client reads. REST answers it as problem JSON
 * ({@link AddressBookExceptionHandler}), the TCP protocol as an error reply.
 */
public abstract sealed class AddressBookException extends RuntimeException
		permits ContactNotFoundException, DuplicateMailException, ContactChangedException, InvalidPatchException {

	AddressBookException(String message, Throwable cause) {
		super(message, cause);
	}

}
