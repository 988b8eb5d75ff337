package dev.switchboard.contacts.addressbook;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import dev.switchboard.contacts.system.WebConfiguration;
import dev.switchboard.service.problem.ProblemDetailsAutoConfiguration;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link ContactController}.
 */
@WebMvcTest(ContactController.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
@Import(WebConfiguration.class)
class ContactControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ContactService service;

	private static Contact contact(long id, String name, String mail) {
		Contact contact = new Contact(new ContactRequest(name, mail, null, null));
		ReflectionTestUtils.setField(contact, "id", id);
		return contact;
	}

	@Test
	void shouldAnswerAPageOfContacts() throws Exception {
		given(this.service.find(isNull(), any(Pageable.class)))
			.willReturn(new PageImpl<>(List.of(contact(1, "Ada", "ada@example.org")), PageRequest.of(0, 20), 1));
		this.mvc.perform(get("/api/contacts"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value(1))
			.andExpect(jsonPath("$.content[0].mail").value("ada@example.org"))
			.andExpect(jsonPath("$.page.size").value(20))
			.andExpect(jsonPath("$.page.number").value(0))
			.andExpect(jsonPath("$.page.totalElements").value(1))
			.andExpect(jsonPath("$.page.totalPages").value(1));
	}

	@Test
	void shouldSearchWithTheQuery() throws Exception {
		given(this.service.find(eq("ada"), any(Pageable.class))).willReturn(new PageImpl<>(List.of()));
		this.mvc.perform(get("/api/contacts").param("q", "ada")).andExpect(status().isOk());
		then(this.service).should().find(eq("ada"), any(Pageable.class));
	}

	@Test
	void shouldAnswer400WhenSortingByAnUnknownProperty() throws Exception {
		this.mvc.perform(get("/api/contacts").param("sort", "version"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value("Invalid 'sort': cannot sort by 'version': sort by id, name, mail or phone."))
			.andExpect(jsonPath("$.errors[0].name").value("sort"));
	}

	@Test
	void shouldAnswer400ForAPageSizeOutOfRangeWithoutQuerying() throws Exception {
		for (String size : List.of("0", "-1", "101", "2147483647")) {
			this.mvc.perform(get("/api/contacts").param("size", size))
				.andExpect(status().isBadRequest())
				.andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
				.andExpect(jsonPath("$.detail").value("Invalid 'size': must be between 1 and 100."))
				.andExpect(jsonPath("$.errors[0].name").value("size"));
		}
		this.mvc.perform(get("/api/contacts").param("page", "-1"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].name").value("page"));
		then(this.service).should(never()).find(any(), any());
	}

	@Test
	void shouldAnswerAnEmptyPageWithTheTotalsPastTheOffsetsTheDatabaseCanAddress() throws Exception {
		given(this.service.find(isNull(), eq(PageRequest.of(0, 1))))
			.willReturn(new PageImpl<>(List.of(contact(1, "Ada", "ada@example.org")), PageRequest.of(0, 1), 42));
		this.mvc.perform(get("/api/contacts").param("page", "2147483647").param("size", "100"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content").isEmpty())
			.andExpect(jsonPath("$.page.number").value(2147483647))
			.andExpect(jsonPath("$.page.size").value(100))
			.andExpect(jsonPath("$.page.totalElements").value(42));
	}

	@Test
	void shouldAnswer404WhenContactIsMissing() throws Exception {
		given(this.service.get(42)).willThrow(new ContactNotFoundException(42));
		this.mvc.perform(get("/api/contacts/42"))
			.andExpect(status().isNotFound())
			.andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
			.andExpect(jsonPath("$.detail").value("No contact with id 42."));
	}

	@Test
	void shouldAnswer400WhenIdIsNotAPositiveNumber() throws Exception {
		this.mvc.perform(get("/api/contacts/abc")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/contacts/0")).andExpect(status().isBadRequest());
		then(this.service).should(never()).get(anyLong());
	}

	@Test
	void shouldCreateAContactWithItsLocation() throws Exception {
		given(this.service.create(any())).willReturn(contact(7, "Ada", "ada@example.org"));
		this.mvc
			.perform(post("/api/contacts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Ada\", \"mail\": \"ada@example.org\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "http://localhost/api/contacts/7"))
			.andExpect(jsonPath("$.id").value(7))
			.andExpect(jsonPath("$.phone").isEmpty());
	}

	@Test
	void shouldAnswer400WhenMailIsInvalidOrNameMissing() throws Exception {
		this.mvc
			.perform(post("/api/contacts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Ada\", \"mail\": \"ada-at-example\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].name").value("mail"));
		this.mvc
			.perform(post("/api/contacts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"mail\": \"ada@example.org\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("'name'")));
		then(this.service).should(never()).create(any());
	}

	@Test
	void shouldAnswer409WhenMailIsTaken() throws Exception {
		given(this.service.create(any())).willThrow(new DuplicateMailException("ada@example.org", null));
		this.mvc
			.perform(post("/api/contacts").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Ada\", \"mail\": \"ada@example.org\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value("A contact with mail ada@example.org already exists."));
	}

	@Test
	void shouldReplaceAContact() throws Exception {
		given(this.service.replace(eq(3L), any())).willReturn(contact(3, "Bob", "bob@example.org"));
		this.mvc
			.perform(put("/api/contacts/3").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Bob\", \"mail\": \"bob@example.org\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Bob"));
	}

	@Test
	void shouldPatchWithMergePatchAndPlainJson() throws Exception {
		given(this.service.patch(eq(3L), any())).willReturn(contact(3, "Bob", "bob@example.org"));
		this.mvc
			.perform(patch("/api/contacts/3").contentType("application/merge-patch+json").content("{\"notes\": null}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(patch("/api/contacts/3").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Bob\"}"))
			.andExpect(status().isOk());
		this.mvc.perform(patch("/api/contacts/3").contentType(MediaType.TEXT_PLAIN).content("name=Bob"))
			.andExpect(status().isUnsupportedMediaType());
	}

	@Test
	void shouldAnswer400ForAPatchOfUnknownFields() throws Exception {
		this.mvc.perform(patch("/api/contacts/3").contentType(MediaType.APPLICATION_JSON).content("{\"id\": 9}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Unknown field 'id': a contact has name, mail, phone and notes."));
		this.mvc.perform(patch("/api/contacts/3").contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void shouldDeleteAContact() throws Exception {
		given(this.service.delete(3)).willReturn(contact(3, "Bob", "bob@example.org"));
		this.mvc.perform(delete("/api/contacts/3")).andExpect(status().isNoContent());
	}

}
