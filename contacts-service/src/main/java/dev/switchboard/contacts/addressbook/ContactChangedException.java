package dev.switchboard.contacts.addressbook;

/**
 * The contact changed between reading and writing it (a concurrent update): refused, so
 * that no write is silently lost.
 */
public final class ContactChangedException extends AddressBookException {

	ContactChangedException(long id, Throwable cause) {
		super("Contact " + id + " was changed by another request at the same time; read it again and retry.", cause);
	}

}
