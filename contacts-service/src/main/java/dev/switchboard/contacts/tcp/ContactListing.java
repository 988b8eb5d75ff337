package dev.switchboard.contacts.tcp;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.switchboard.contacts.addressbook.ContactResponse;

/**
 * The {@code data} of a {@code list} or {@code search} reply, read page by page while it
 * is written: its first page, then {@link ContactCommands#nextPage} for the others, so
 * that a reply never holds more than a page whatever the size of the address book.
 */
final class ContactListing {

	private final @Nullable String query;

	private final long count;

	private @Nullable List<ContactResponse> firstPage;

	/**
	 * Create a listing.
	 * @param query the search text, {@code null} for every contact
	 * @param firstPage the first contacts, by id
	 * @param count how many contacts the reply lists in all
	 */
	ContactListing(@Nullable String query, List<ContactResponse> firstPage, long count) {
		this.query = query;
		this.firstPage = firstPage;
		this.count = count;
	}

	@Nullable String query() {
		return this.query;
	}

	long count() {
		return this.count;
	}

	/**
	 * Return the first page, once: the listing no longer holds it afterwards.
	 * @return the first contacts, by id
	 */
	List<ContactResponse> takeFirstPage() {
		List<ContactResponse> page = (this.firstPage != null) ? this.firstPage : List.of();
		this.firstPage = null;
		return page;
	}

}
