package dev.switchboard.contacts.addressbook;

/**
 * A partial update that names an unknown field or gives a field a value of the wrong
 * type.
 */
public final class InvalidPatchException extends AddressBookException {

	InvalidPatchException(String detail) {
		super(detail, null);
	}

}
