package dev.switchboard.contacts.addressbook;

/**
 * No contact has the id asked for.
 */
public final class ContactNotFoundException extends AddressBookException {

	public ContactNotFoundException(long id) {
		super("No contact with id " + id + ".", null);
	}

}
