package dev.switchboard.contacts.addressbook;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The fields of a contact, as sent to create or replace one (REST and TCP).
 *
 * @param name the contact's name
 * @param mail the contact's mail address, unique in the address book
 * @param phone an optional phone number
 * @param notes optional free text
 */
public record ContactRequest(
		@Schema(example = "Basile Marchand", maxLength = MAX_NAME,
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = MAX_NAME) String name,
		@Schema(example = "basile.marchand@mines-paristech.fr", maxLength = MAX_MAIL,
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = MAX_MAIL) @Email(
						regexp = MAIL_PATTERN, message = "must be a mail address like name@example.org") String mail,
		@Schema(example = "+33 1 23 45 67 89", maxLength = MAX_PHONE) @Size(max = MAX_PHONE) String phone,
		@Schema(example = "Met at the networking course", maxLength = MAX_NOTES) @Size(max = MAX_NOTES) String notes) {

	static final int MAX_NAME = 100;

	static final int MAX_MAIL = 254;

	static final int MAX_PHONE = 32;

	static final int MAX_NOTES = 1000;

	/**
	 * A mail address with a dot in its domain, on top of {@link Email}'s own rules.
	 */
	static final String MAIL_PATTERN = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

	static ContactRequest of(Contact contact) {
		return new ContactRequest(contact.getName(), contact.getMail(), contact.getPhone(), contact.getNotes());
	}

}
