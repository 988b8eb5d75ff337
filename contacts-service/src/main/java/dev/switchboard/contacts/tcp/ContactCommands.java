package dev.switchboard.contacts.tcp;

import java.io.InterruptedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import dev.switchboard.contacts.addressbook.AddressBookException;
import dev.switchboard.contacts.addressbook.Contact;
import dev.switchboard.contacts.addressbook.ContactPatch;
import dev.switchboard.contacts.addressbook.ContactRequest;
import dev.switchboard.contacts.addressbook.ContactResponse;
import dev.switchboard.contacts.addressbook.ContactService;
import dev.switchboard.service.problem.StorageFailures;

/**
 * The commands of the TCP contacts protocol, {@code {"cmd": "...", "args": {...}}}, run
 * against the same store as REST: list, add, get, search, update, delete.
 */
@Component
class ContactCommands {

	static final String COMMANDS = "list, add, get, search, update or delete";

	/**
	 * How many contacts a list or search reads from the store at once: what one reply
	 * holds while it is written.
	 */
	static final int PAGE_SIZE = 100;

	private static final Log logger = LogFactory.getLog(ContactCommands.class);

	private static final Set<String> CONTACT_FIELDS = ContactPatch.FIELDS;

	private final ContactService service;

	private final ContactsProtocolProperties properties;

	private final Semaphore storageTurns;

	ContactCommands(ContactService service, ContactsProtocolProperties properties) {
		this.service = service;
		this.properties = properties;
		this.storageTurns = new Semaphore(properties.maxConcurrentCommands(), true);
	}

	/**
	 * Run one request; every failure becomes a reply with {@code status: false}.
	 * @param request the parsed request document
	 * @return the reply
	 */
	CommandReply execute(JsonNode request) {
		try {
			this.storageTurns.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CommandReply.error("the server is shutting down, try again later");
		}
		try {
			return run(request);
		}
		catch (CommandException ex) {
			return CommandReply.error(ex.getMessage());
		}
		catch (ConstraintViolationException ex) {
			return CommandReply.error(describe(ex.getConstraintViolations()));
		}
		catch (AddressBookException ex) {
			return CommandReply.error(ex.getMessage());
		}
		catch (JacksonException ex) {
			return CommandReply.error("invalid request: " + ex.getOriginalMessage());
		}
		catch (RuntimeException ex) {
			if (StorageFailures.isUnavailable(ex)) {
				logger.warn("Contacts storage unavailable during a TCP command: " + ex.getMessage());
				return CommandReply.error("the address book is unavailable right now, try again later");
			}
			logger.error("TCP contacts command failed", ex);
			return CommandReply.error("internal error: the command failed on the server");
		}
		finally {
			this.storageTurns.release();
		}
	}

	private CommandReply run(JsonNode request) {
		if (!request.isObject()) {
			throw new CommandException("a request is one JSON object like {\"cmd\": \"list\", \"args\": {}}");
		}
		for (String member : request.propertyNames()) {
			if (!member.equals("cmd") && !member.equals("args")) {
				throw new CommandException("unknown member '" + CommandArguments.abbreviate(member)
						+ "': a request has \"cmd\" and \"args\"");
			}
		}
		JsonNode cmd = request.get("cmd");
		if (cmd == null || cmd.isNull()) {
			throw new CommandException("missing \"cmd\": say which command to run: " + COMMANDS);
		}
		if (!cmd.isString()) {
			throw new CommandException("\"cmd\" must be a string: " + COMMANDS);
		}
		String command = cmd.asString();
		CommandArguments args = CommandArguments.of(command, request.get("args"));
		return switch (command) {
			case "list" -> list(args.allowOnly(Set.of()));
			case "add" -> add(args.allowOnly(CONTACT_FIELDS));
			case "get" -> get(args.allowOnly(Set.of("id")));
			case "search" -> search(args.allowOnly(Set.of("q")));
			case "update" -> update(args.allowOnly(Set.of("id", "name", "mail", "phone", "notes")));
			case "delete" -> delete(args.allowOnly(Set.of("id")));
			default -> throw new CommandException(
					"unknown command '" + CommandArguments.abbreviate(command) + "': use " + COMMANDS);
		};
	}

	private CommandReply list(CommandArguments args) {
		return listing(null);
	}

	private CommandReply add(CommandArguments args) {
		ContactRequest request = new ContactRequest(args.requiredString("name"), args.requiredString("mail"),
				args.optionalString("phone"), args.optionalString("notes"));
		Contact contact = this.service.create(request);
		return CommandReply.ok("contact " + contact.getId() + " added", ContactResponse.from(contact));
	}

	private CommandReply get(CommandArguments args) {
		Contact contact = this.service.get(args.id());
		return CommandReply.ok("contact " + contact.getId(), ContactResponse.from(contact));
	}

	private CommandReply search(CommandArguments args) {
		String query = args.requiredString("q");
		if (query.isBlank() || query.length() > 100) {
			throw new CommandException("'q' must be 1 to 100 characters of text to find in names and mails");
		}
		return listing(query);
	}

	private CommandReply update(CommandArguments args) {
		long id = args.id();
		JsonNode fields = args.without("id");
		if (fields.isEmpty()) {
			throw new CommandException("nothing to update: give 'id' and at least one of mail, name, notes, phone");
		}
		Contact contact = this.service.patch(id, ContactPatch.of(fields));
		return CommandReply.ok("contact " + id + " updated", ContactResponse.from(contact));
	}

	private CommandReply delete(CommandArguments args) {
		Contact contact = this.service.delete(args.id());
		return CommandReply.ok("contact " + contact.getId() + " deleted", ContactResponse.from(contact));
	}

	/**
	 * Answer a list or search with its first page: the handler writes the others as it
	 * reads them ({@link #nextPage}).
	 */
	private CommandReply listing(@Nullable String query) {
		int maxResults = this.properties.maxResults();
		Page<Contact> first = this.service.find(query,
				PageRequest.of(0, Math.min(PAGE_SIZE, maxResults), Sort.by("id")));
		long total = first.getTotalElements();
		long count = Math.min(total, maxResults);
		List<ContactResponse> contacts = first.map(ContactResponse::from).getContent();
		return CommandReply.ok(describe(total, count), new ContactListing(query, contacts, count));
	}

	/**
	 * Read the next page of a list or search, waiting for a turn at the store like any
	 * command.
	 * @param query the search text, {@code null} for every contact
	 * @param afterId the id of the last contact written
	 * @param size the most contacts to read
	 * @return the contacts, by id
	 * @throws InterruptedIOException when the server stops meanwhile
	 */
	List<ContactResponse> nextPage(@Nullable String query, long afterId, int size) throws InterruptedIOException {
		try {
			this.storageTurns.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("the server is shutting down");
		}
		try {
			return this.service.findAfter(query, afterId, size).stream().map(ContactResponse::from).toList();
		}
		finally {
			this.storageTurns.release();
		}
	}

	private static String describe(long total, long count) {
		if (total == count) {
			return total + ((total == 1) ? " contact" : " contacts");
		}
		return "first " + count + " of " + total + " contacts: use search, or the REST API to page through them";
	}

	private static String describe(Set<? extends ConstraintViolation<?>> violations) {
		return violations.stream()
			.map((violation) -> "invalid '" + leaf(violation.getPropertyPath().toString()) + "': "
					+ violation.getMessage())
			.sorted()
			.collect(Collectors.joining("; "));
	}

	private static String leaf(String path) {
		return path.substring(path.lastIndexOf('.') + 1);
	}

}
