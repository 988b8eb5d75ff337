package dev.switchboard.random.echo;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import dev.switchboard.service.problem.ProblemDetailsAutoConfiguration;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link RequestEchoController}.
 */
@WebMvcTest(RequestEchoController.class)
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
@EnableConfigurationProperties(RequestEchoProperties.class)
@TestPropertySource(properties = { "switchboard.random.request-echo.max-body-size=100B",
		"spring.mvc.formcontent.filter.enabled=false" })
class RequestEchoControllerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void shouldEchoTheCourseGetWithItsParsedQuery() throws Exception {
		this.mvc.perform(get("/api/echo/fake/url?a=1&b=coucou").header("X-Multi", "1", "2"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.method").value("GET"))
			.andExpect(jsonPath("$.path").value("/api/echo/fake/url"))
			.andExpect(jsonPath("$.query.a[0]").value("1"))
			.andExpect(jsonPath("$.query.b[0]").value("coucou"))
			.andExpect(jsonPath("$.headers.X-Multi[0]").value("1"))
			.andExpect(jsonPath("$.headers.X-Multi[1]").value("2"))
			.andExpect(jsonPath("$.body").value(nullValue()))
			.andExpect(jsonPath("$.client").value(matchesPattern("127\\.0\\.0\\.1:\\d+")));
	}

	@Test
	void shouldKeepEveryValueOfARepeatedParameterInOrderAndDecodeThem() throws Exception {
		this.mvc.perform(get(URI.create("/api/echo?a=2&a=1&empty=&flag&text=caf%C3%A9+au+lait&plus=%2B")))
			.andExpect(jsonPath("$.path").value("/api/echo"))
			.andExpect(jsonPath("$.query.a.length()").value(2))
			.andExpect(jsonPath("$.query.a[0]").value("2"))
			.andExpect(jsonPath("$.query.a[1]").value("1"))
			.andExpect(jsonPath("$.query.empty[0]").value(""))
			.andExpect(jsonPath("$.query.flag[0]").value(""))
			.andExpect(jsonPath("$.query.text[0]").value("café au lait"))
			.andExpect(jsonPath("$.query.plus[0]").value("+"));
	}

	@Test
	void shouldParseAJsonBody() throws Exception {
		this.mvc
			.perform(post("/api/echo/fake/url").contentType(MediaType.APPLICATION_JSON)
				.content("{\"list\": [1, 2, 3, true], \"fake\": \"A useless string\"}"))
			.andExpect(jsonPath("$.method").value("POST"))
			.andExpect(jsonPath("$.body.list[3]").value(true))
			.andExpect(jsonPath("$.body.fake").value("A useless string"));
		this.mvc.perform(post("/api/echo").contentType("application/merge-patch+json").content("[1, null]"))
			.andExpect(jsonPath("$.body[0]").value(1));
	}

	@Test
	void shouldParseFormFieldsForEveryMethodAndKeepThemApartFromTheQuery() throws Exception {
		for (HttpMethod method : new HttpMethod[] { HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
				HttpMethod.DELETE }) {
			this.mvc
				.perform(request(method, "/api/echo/form?name=query").contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.content("name=Basile+Marchand&tag=a&tag=b"))
				.andExpect(jsonPath("$.method").value(method.name()))
				.andExpect(jsonPath("$.query.name[0]").value("query"))
				.andExpect(jsonPath("$.body.name[0]").value("Basile Marchand"))
				.andExpect(jsonPath("$.body.tag[1]").value("b"));
		}
	}

	@Test
	void shouldEchoOtherBodiesAsTextInTheirCharset() throws Exception {
		this.mvc.perform(post("/api/echo").contentType(MediaType.TEXT_PLAIN).content("Hello server é"))
			.andExpect(jsonPath("$.body").value("Hello server é"));
		this.mvc
			.perform(post("/api/echo").contentType("text/plain; charset=ISO-8859-1")
				.content("é".getBytes(StandardCharsets.ISO_8859_1)))
			.andExpect(jsonPath("$.body").value("é"));
		this.mvc.perform(post("/api/echo").content("no content type"))
			.andExpect(jsonPath("$.body").value("no content type"));
	}

	@Test
	void shouldEchoAnEmptyBodyAsNull() throws Exception {
		this.mvc.perform(post("/api/echo").contentType(MediaType.APPLICATION_JSON).content(""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.body").value(nullValue()));
	}

	@Test
	void shouldAnswer400ProblemForInvalidJson() throws Exception {
		this.mvc.perform(post("/api/echo").contentType(MediaType.APPLICATION_JSON).content("{\"list\": [1,"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("not valid JSON")));
	}

	@Test
	void shouldAnswer413ProblemForABodyOverTheLimit() throws Exception {
		this.mvc.perform(post("/api/echo").contentType(MediaType.TEXT_PLAIN).content("x".repeat(100)))
			.andExpect(status().isOk());
		this.mvc.perform(post("/api/echo").contentType(MediaType.TEXT_PLAIN).content("x".repeat(101)))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("switchboard.random.request-echo.max-body-size")));
	}

	@Test
	void shouldEchoOptions() throws Exception {
		this.mvc.perform(request(HttpMethod.OPTIONS, "/api/echo/x"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.method").value("OPTIONS"));
	}

}
