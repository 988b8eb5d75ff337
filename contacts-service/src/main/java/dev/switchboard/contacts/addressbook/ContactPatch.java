package dev.switchboard.contacts.addressbook;

import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A partial update in JSON Merge Patch style (RFC 7396): the fields present replace the
 * stored ones, {@code null} clears an optional field, absent fields stay. Only the
 * contact's own fields are accepted, as strings.
 */
public final class ContactPatch {

	/**
	 * The fields a patch may change.
	 */
	public static final Set<String> FIELDS = Set.of("name", "mail", "phone", "notes");

	private final JsonNode fields;

	private ContactPatch(JsonNode fields) {
		this.fields = fields;
	}

	/**
	 * Read a patch.
	 * @param fields a JSON object
	 * @return the patch
	 * @throws InvalidPatchException when it is not an object of the contact's fields
	 */
	public static ContactPatch of(JsonNode fields) {
		if (fields == null || !fields.isObject()) {
			throw new InvalidPatchException(
					"A patch must be a JSON object of the fields to change: " + "name, mail, phone, notes.");
		}
		for (Map.Entry<String, JsonNode> field : fields.properties()) {
			if (!FIELDS.contains(field.getKey())) {
				throw new InvalidPatchException(
						"Unknown field '" + field.getKey() + "': a contact has name, mail, phone and notes.");
			}
			if (!field.getValue().isString() && !field.getValue().isNull()) {
				throw new InvalidPatchException("Field '" + field.getKey() + "' must be a string or null.");
			}
		}
		return new ContactPatch(fields);
	}

	boolean isEmpty() {
		return this.fields.isEmpty();
	}

	ContactRequest applyTo(ContactRequest current) {
		return new ContactRequest(value("name", current.name()), value("mail", current.mail()),
				value("phone", current.phone()), value("notes", current.notes()));
	}

	private String value(String name, String current) {
		JsonNode value = this.fields.get(name);
		if (value == null) {
			return current;
		}
		return value.isNull() ? null : value.asString();
	}

}
