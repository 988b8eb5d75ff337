package dev.switchboard.contacts.addressbook;

/**
 * Another contact already has this mail address.
 */
public final class DuplicateMailException extends AddressBookException {

	DuplicateMailException(String mail, Throwable cause) {
		super("A contact with mail " + mail + " already exists.", cause);
	}

}
