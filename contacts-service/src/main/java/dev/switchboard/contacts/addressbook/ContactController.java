package dev.switchboard.contacts.addressbook;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springdoc.core.annotations.ParameterObject;
import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.data.web.SortDefault;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.switchboard.contacts.system.ContactsRestProperties;
import dev.switchboard.service.problem.InvalidParameterException;

/**
 * The address book over REST.
 */
@RestController
@RequestMapping("/api/contacts")
@Tag(name = "contacts", description = "The address book; the same contacts as the TCP protocol on port 3001")
class ContactController {

	static final String MERGE_PATCH_JSON = "application/merge-patch+json";

	private static final List<String> SORTABLE = List.of("id", "name", "mail", "phone");

	private static final int MAX_SHOWN_PROPERTY_LENGTH = 40;

	private final ContactService service;

	private final ContactsRestProperties properties;

	ContactController(ContactService service, ContactsRestProperties properties) {
		this.service = service;
		this.properties = properties;
	}

	@GetMapping
	@Operation(summary = "List contacts, optionally searching names and mails",
			description = "Answers Spring Data's page JSON: content plus page size, number, totalElements and "
					+ "totalPages; a page past the last one is empty. Sort by id, name, mail or phone "
					+ "(sort=name,desc).")
	@ApiResponse(responseCode = "200", description = "A page of contacts")
	@ApiResponse(responseCode = "400",
			description = "Invalid 'size': must be between 1 and 100. (or an invalid 'q', 'page' or 'sort')")
	PagedModel<ContactResponse> list(
			@Parameter(description = "Text searched in names and mails, ignoring case",
					example = "marchand") @RequestParam(required = false) @Size(max = 100) @Pattern(
							regexp = "[^\\x00]*", message = "must not contain NUL characters") String q,
			@Parameter(description = "The page number, from 0; a page past the last one is empty",
					example = "0") @RequestParam(defaultValue = "0") @Min(0) int page,
			@Parameter(description = "Contacts per page, from 1 to 100 (switchboard.contacts.rest.max-page-size)",
					example = "20") @RequestParam(defaultValue = "20") int size,
			@ParameterObject @SortDefault("id") Sort sort) {
		if (size < 1 || size > this.properties.maxPageSize()) {
			throw new InvalidParameterException("size", "must be between 1 and " + this.properties.maxPageSize());
		}
		Pageable pageable = PageRequest.of(page, size, sortedAsPeopleExpect(sort));
		return new PagedModel<>(find(q, pageable).map(ContactResponse::from));
	}

	/**
	 * JPA addresses rows with an {@code int} offset: a page further lies past any contact
	 * there can be, so it is empty, with the real totals.
	 */
	private Page<Contact> find(String q, Pageable pageable) {
		if (pageable.getOffset() <= Integer.MAX_VALUE) {
			return this.service.find(q, pageable);
		}
		long total = this.service.find(q, PageRequest.of(0, 1)).getTotalElements();
		return new PageImpl<>(List.of(), pageable, total);
	}

	/**
	 * Allow sorting by the contact's fields only, each at most once, text ignoring case
	 * ("alice" before "Bob").
	 */
	private static Sort sortedAsPeopleExpect(Sort sort) {
		List<Sort.Order> orders = new ArrayList<>();
		for (Sort.Order order : sort) {
			if (!SORTABLE.contains(order.getProperty())) {
				String property = order.getProperty();
				String shown = (property.length() <= MAX_SHOWN_PROPERTY_LENGTH) ? property
						: property.substring(0, MAX_SHOWN_PROPERTY_LENGTH) + "…";
				throw new InvalidParameterException("sort",
						"cannot sort by '" + shown + "': sort by id, name, mail or phone");
			}
			if (orders.size() == SORTABLE.size()) {
				throw new InvalidParameterException("sort", "sorts by at most " + SORTABLE.size() + " properties");
			}
			orders.add(order.getProperty().equals("id") ? order : order.ignoreCase());
		}
		return Sort.by(orders);
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get one contact")
	@ApiResponse(responseCode = "200", description = "The contact")
	@ApiResponse(responseCode = "400", description = "The id is not a positive number")
	@ApiResponse(responseCode = "404", description = "No contact with this id")
	ContactResponse get(@Parameter(example = "1") @PathVariable @Min(1) long id) {
		return ContactResponse.from(this.service.get(id));
	}

	@PostMapping
	@Operation(summary = "Add a contact", description = "Name and mail are required; mails are unique, ignoring case.")
	@ApiResponse(responseCode = "201", description = "The contact was added; Location gives its URL")
	@ApiResponse(responseCode = "400", description = "Missing name, invalid mail or a field too long")
	@ApiResponse(responseCode = "409", description = "Another contact has this mail")
	ResponseEntity<ContactResponse> create(@Valid @RequestBody ContactRequest request) {
		ContactResponse contact = ContactResponse.from(this.service.create(request));
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(contact.id())
			.toUri();
		return ResponseEntity.created(location).body(contact);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Replace a contact",
			description = "Every field is replaced; absent optional fields are cleared.")
	@ApiResponse(responseCode = "200", description = "The updated contact")
	@ApiResponse(responseCode = "400", description = "Missing name, invalid mail or a field too long")
	@ApiResponse(responseCode = "404", description = "No contact with this id")
	@ApiResponse(responseCode = "409", description = "Another contact has this mail, or the contact changed meanwhile")
	ContactResponse replace(@Parameter(example = "1") @PathVariable @Min(1) long id,
			@Valid @RequestBody ContactRequest request) {
		return ContactResponse.from(this.service.replace(id, request));
	}

	@PatchMapping(path = "/{id}", consumes = { MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE })
	@Operation(summary = "Change some fields of a contact",
			description = "JSON Merge Patch (RFC 7396), as application/merge-patch+json or plain JSON: the fields "
					+ "given replace the stored ones, null clears phone or notes.")
	@ApiResponse(responseCode = "200", description = "The updated contact")
	@ApiResponse(responseCode = "400", description = "Unknown field, invalid value or a required field cleared")
	@ApiResponse(responseCode = "404", description = "No contact with this id")
	@ApiResponse(responseCode = "409", description = "Another contact has this mail, or the contact changed meanwhile")
	ContactResponse patch(@Parameter(example = "1") @PathVariable @Min(1) long id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ContactRequest.class), examples = @ExampleObject(
							value = "{\"phone\": \"+33 6 12 34 56 78\", \"notes\": null}"))) @RequestBody JsonNode patch) {
		return ContactResponse.from(this.service.patch(id, ContactPatch.of(patch)));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a contact")
	@ApiResponse(responseCode = "204", description = "The contact was deleted")
	@ApiResponse(responseCode = "404", description = "No contact with this id")
	ResponseEntity<Void> delete(@Parameter(example = "1") @PathVariable @Min(1) long id) {
		this.service.delete(id);
		return ResponseEntity.noContent().build();
	}

}
