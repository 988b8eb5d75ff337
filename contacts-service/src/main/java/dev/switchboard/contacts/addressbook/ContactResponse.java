package dev.switchboard.contacts.addressbook;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A stored contact, as answered over REST and TCP.
 *
 * @param id the contact's id
 * @param name the contact's name
 * @param mail the contact's mail address
 * @param phone the phone number, or {@code null}
 * @param notes free text, or {@code null}
 */
public record ContactResponse(@Schema(example = "1") long id, @Schema(example = "Basile Marchand") String name,
		@Schema(example = "basile.marchand@mines-paristech.fr") String mail,
		@Schema(example = "+33 1 23 45 67 89", nullable = true) String phone,
		@Schema(example = "Met at the networking course", nullable = true) String notes) {

	public static ContactResponse from(Contact contact) {
		return new ContactResponse(contact.getId(), contact.getName(), contact.getMail(), contact.getPhone(),
				contact.getNotes());
	}

}
