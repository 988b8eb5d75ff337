package dev.switchboard.random.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.switchboard.service.problem.ProblemDetailsAutoConfiguration;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link StatusController}.
 */
@WebMvcTest(StatusController.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
class StatusControllerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void shouldAnswerTeapotAsProblemJson() throws Exception {
		this.mvc.perform(get("/api/status/418"))
			.andExpect(status().is(418))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(418))
			.andExpect(jsonPath("$.title").value("I'm a teapot"))
			.andExpect(jsonPath("$.detail").value("You asked for status 418 (I'm a teapot)."))
			.andExpect(jsonPath("$.instance").value("/api/status/418"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 204, 205, 304 })
	void shouldAnswerWithoutABodyWhenTheStatusForbidsOne(int code) throws Exception {
		this.mvc.perform(get("/api/status/" + code))
			.andExpect(status().is(code))
			.andExpect(content().bytes(new byte[0]))
			.andExpect(header().doesNotExist("Content-Type"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 201, 202, 226, 299, 301, 302, 307, 308 })
	void shouldAnswerSuccessAndRedirectCodesWithASmallJsonBody(int code) throws Exception {
		this.mvc.perform(get("/api/status/" + code))
			.andExpect(status().is(code))
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.reason").isString())
			.andExpect(header().doesNotExist("Location"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 403, 404, 405, 409, 429, 451, 499, 500, 502, 503, 504, 599 })
	void shouldAnswerErrorCodesWithProblemJson(int code) throws Exception {
		this.mvc.perform(get("/api/status/" + code))
			.andExpect(status().is(code))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(code));
	}

	@Test
	void shouldChallengeWithBearerOn401() throws Exception {
		this.mvc.perform(get("/api/status/401"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer"));
	}

	@Test
	void shouldAnswerTheStatusForOtherMethodsToo() throws Exception {
		this.mvc.perform(post("/api/status/201")).andExpect(status().isCreated());
		this.mvc.perform(delete("/api/status/503")).andExpect(status().isServiceUnavailable());
	}

	@ParameterizedTest
	@ValueSource(strings = { "100", "101", "199", "600", "999", "0", "-200", "abc", "4l8", "2000000000000" })
	void shouldAnswer400NamingCodeOutside200To599OrNotANumber(String code) throws Exception {
		this.mvc.perform(get("/api/status/" + code))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].name").value("code"))
			.andExpect(jsonPath("$.detail")
				.value("Invalid 'code': must be a number between 200 and 599, got '" + code + "'."));
	}

}
