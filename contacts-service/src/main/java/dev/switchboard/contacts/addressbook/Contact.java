package dev.switchboard.contacts.addressbook;

import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A contact of the address book. Two contacts never share a mail address, whatever its
 * case.
 */
@Entity
@Table(name = "contact")
public class Contact {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = ContactRequest.MAX_NAME)
	private String name;

	@Column(nullable = false, length = ContactRequest.MAX_MAIL)
	private String mail;

	@Column(name = "mail_key", nullable = false, length = ContactRequest.MAX_MAIL)
	private String mailKey;

	@Column(length = ContactRequest.MAX_PHONE)
	private String phone;

	@Column(length = ContactRequest.MAX_NOTES)
	private String notes;

	@Version
	private long version;

	protected Contact() {
	}

	Contact(ContactRequest request) {
		apply(request);
	}

	/**
	 * Replace every field with the request's.
	 * @param request validated values
	 */
	void apply(ContactRequest request) {
		this.name = request.name();
		this.mail = request.mail();
		this.mailKey = request.mail().toLowerCase(Locale.ROOT);
		this.phone = request.phone();
		this.notes = request.notes();
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getMail() {
		return this.mail;
	}

	public String getPhone() {
		return this.phone;
	}

	public String getNotes() {
		return this.notes;
	}

}
