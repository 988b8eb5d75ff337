package dev.switchboard.random.draw;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import dev.switchboard.service.problem.ProblemDetailsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link RandomNumberController}, {@link RandomTokenController} and
 * {@link RandomChoiceController}.
 */
@WebMvcTest({ RandomNumberController.class, RandomTokenController.class, RandomChoiceController.class })
@ImportAutoConfiguration(ProblemDetailsAutoConfiguration.class)
@EnableConfigurationProperties(RandomProperties.class)
class RandomControllersTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Test
	void shouldAnswerOneNumberWithoutNAndAnArrayWithN() throws Exception {
		JsonNode one = json("/api/random/int");
		assertThat(one.isIntegralNumber()).isTrue();
		assertThat(one.asLong()).isBetween(0L, 100L);
		JsonNode single = json("/api/random/int?n=1");
		assertThat(single.isArray()).isTrue();
		assertThat(single).hasSize(1);
		JsonNode twenty = json("/api/random/int?n=20");
		assertThat(twenty).hasSize(20)
			.allMatch((value) -> value.isIntegralNumber() && value.asLong() >= 0 && value.asLong() <= 100);
		assertThat(json("/api/random/int?n=10000")).hasSize(10_000);
	}

	@Test
	void shouldHonourInclusiveBoundsOverTheWholeIntRange() throws Exception {
		JsonNode values = json("/api/random/int?n=1000&min=-2147483648&max=2147483647&seed=3");
		assertThat(values)
			.allMatch((value) -> value.asLong() >= Integer.MIN_VALUE && value.asLong() <= Integer.MAX_VALUE)
			.anyMatch((value) -> value.asLong() < 0)
			.anyMatch((value) -> value.asLong() > 0);
		assertThat(json("/api/random/int?n=50&min=7&max=7")).allMatch((value) -> value.asLong() == 7);
		assertThat(json("/api/random/int?min=-9223372036854775808&max=9223372036854775807").isIntegralNumber())
			.isTrue();
	}

	@Test
	void shouldRepeatTheValuesOfASeedForEveryGenerator() throws Exception {
		for (String path : List.of("/api/random/int?n=5&seed=42", "/api/random/float?n=5&seed=42&min=-1&max=1",
				"/api/random/gaussian?n=5&seed=42", "/api/random/uuid?n=3&seed=42", "/api/random/bytes?seed=42",
				"/api/random/string?n=3&seed=42", "/api/random/dice?roll=10d6&seed=42",
				"/api/random/shuffle?items=a,b,c,d,e,f&seed=42", "/api/random/pick?items=a,b,c,d,e,f&k=3&seed=42")) {
			assertThat(json(path)).as(path).isEqualTo(json(path));
			assertThat(json(path)).as(path).isNotEqualTo(json(path.replace("seed=42", "seed=43")));
		}
		assertThat(json("/api/random/int?n=5&seed=42").toString()).isEqualTo("[23,63,43,5,42]");
	}

	@Test
	void shouldAnswerUnpredictableValuesWithoutASeed() throws Exception {
		for (String path : List.of("/api/random/int?n=20", "/api/random/float?n=5", "/api/random/uuid",
				"/api/random/bytes", "/api/random/string")) {
			assertThat(json(path)).as(path).isNotEqualTo(json(path));
		}
	}

	@Test
	void shouldAnswerFloatsInTheHalfOpenInterval() throws Exception {
		assertThat(json("/api/random/float").isFloatingPointNumber()).isTrue();
		assertThat(json("/api/random/float?n=2000")).allMatch((value) -> value.asDouble() >= 0 && value.asDouble() < 1);
		assertThat(json("/api/random/float?n=2000&min=10&max=10.5"))
			.allMatch((value) -> value.asDouble() >= 10 && value.asDouble() < 10.5);
	}

	@Test
	void shouldAnswerGaussiansAroundTheMean() throws Exception {
		JsonNode values = json("/api/random/gaussian?n=10000&mean=170&stddev=10&seed=1");
		double mean = 0;
		for (JsonNode value : values) {
			mean += value.asDouble() / 10_000;
		}
		assertThat(mean).isBetween(169.5, 170.5);
		assertThat(json("/api/random/gaussian?n=3&mean=5&stddev=0")).allMatch((value) -> value.asDouble() == 5);
	}

	@Test
	void shouldAnswerUuidsBytesAndStringsAsJsonStrings() throws Exception {
		this.mvc.perform(get("/api/random/uuid"))
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$").value(org.hamcrest.Matchers
				.matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
		assertThat(json("/api/random/uuid?n=5")).hasSize(5);
		assertThat(Base64.getDecoder().decode(json("/api/random/bytes").asString())).hasSize(16);
		assertThat(Base64.getUrlDecoder().decode(json("/api/random/bytes?size=100&encoding=base64url").asString()))
			.hasSize(100);
		assertThat(HexFormat.of().parseHex(json("/api/random/bytes?size=65536&encoding=hex").asString()))
			.hasSize(65536);
		this.mvc.perform(get("/api/random/string"))
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$").value(org.hamcrest.Matchers.matchesPattern("[A-Za-z0-9]{16}")));
		assertThat(json("/api/random/string?length=30&alphabet=ACGT&n=4"))
			.allMatch((value) -> value.asString().matches("[ACGT]{30}"));
		assertThat(json("/api/random/string?length=5&alphabet=é😀").asString()).matches("[é😀]{5}");
	}

	@Test
	void shouldRollDice() throws Exception {
		this.mvc.perform(get("/api/random/dice").param("roll", "2d6+3"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.roll").value("2d6+3"))
			.andExpect(jsonPath("$.rolls.length()").value(2))
			.andExpect(jsonPath("$.modifier").value(3));
		JsonNode roll = json("/api/random/dice?roll=2d6+3");
		assertThat(roll.get("roll").asString()).isEqualTo("2d6+3");
		assertThat(roll.get("total").asLong())
			.isEqualTo(roll.get("rolls").get(0).asLong() + roll.get("rolls").get(1).asLong() + 3);
	}

	@Test
	void shouldShuffleAndPick() throws Exception {
		JsonNode shuffled = json("/api/random/shuffle?items=a,b,c");
		assertThat(shuffled).extracting(JsonNode::asString).containsExactlyInAnyOrder("a", "b", "c");
		JsonNode repeated = json("/api/random/shuffle?items=a,b&items=c");
		assertThat(repeated).extracting(JsonNode::asString).containsExactlyInAnyOrder("a,b", "c");
		JsonNode one = json("/api/random/pick?items=alice,bob,carol");
		assertThat(one.isString()).isTrue();
		assertThat(one.asString()).isIn("alice", "bob", "carol");
		assertThat(json("/api/random/pick?items=alice,bob,carol&k=3")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("alice", "bob", "carol");
		assertThat(json("/api/random/pick?items=alice,bob,carol&k=1")).hasSize(1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "/api/random/int?min=5&max=1|min|must be less than or equal to max (1)",
			"/api/random/int?n=0|n|must be between 1 and 10000",
			"/api/random/int?n=10001|n|must be between 1 and 10000", "/api/random/int?n=abc|n|must be of type Integer",
			"/api/random/int?min=1.5|min|must be of type long",
			"/api/random/int?max=9223372036854775808|max|must be of type long",
			"/api/random/int?seed=x|seed|must be of type Long",
			"/api/random/float?min=1&max=1|min|must be less than max",
			"/api/random/float?min=NaN|min|must be a finite number",
			"/api/random/float?max=Infinity|max|must be a finite number",
			"/api/random/float?n=-1|n|must be between 1 and 10000",
			"/api/random/gaussian?stddev=-1|stddev|must be greater than or equal to 0",
			"/api/random/gaussian?mean=1e301|mean|must be a finite number between -1e300 and 1e300",
			"/api/random/gaussian?n=20000|n|must be between 1 and 10000",
			"/api/random/uuid?n=0|n|must be between 1 and 10000",
			"/api/random/bytes?size=0|size|must be greater than or equal to 1",
			"/api/random/bytes?size=65537|size|must be at most 65536",
			"/api/random/bytes?encoding=base32|encoding|must be base64, base64url or hex",
			"/api/random/string?length=0|length|must be greater than or equal to 1",
			"/api/random/string?length=10001|length|must be at most 10000",
			"/api/random/string?length=10000&n=101|n|times length must be at most 1000000 characters",
			"/api/random/dice?roll=2x6|roll|must be dice notation",
			"/api/random/dice?roll=0d6|roll|must roll between 1 and 1000 dice",
			"/api/random/pick?items=a,b&k=3|k|must be between 1 and the number of items (2)",
			"/api/random/pick?items=a,b&k=0|k|must be between 1 and the number of items (2)" })
	void shouldAnswer400ProblemNamingTheParameter(String path, String parameter, String message) throws Exception {
		problem(path, parameter)
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith(message)))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'" + parameter + "'")));
	}

	@Test
	void shouldAnswer400WhenAListOrTheRollIsMissing() throws Exception {
		for (String path : List.of("/api/random/dice", "/api/random/shuffle", "/api/random/pick")) {
			this.mvc.perform(get(path))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.matchesPattern(".*'(roll|items)'.*")));
		}
	}

	private ResultActions problem(String path, String parameter) throws Exception {
		return this.mvc.perform(get(path))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[0].name").value(parameter));
	}

	private JsonNode json(String path) throws Exception {
		String body = this.mvc.perform(get(path))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JSON.readTree(body);
	}

	@Nested
	@TestPropertySource(properties = { "switchboard.random.max-count=50", "switchboard.random.max-bytes=10B",
			"switchboard.random.max-dice=3", "switchboard.random.max-items=2" })
	class WithConfiguredLimits {

		@Test
		void shouldApplyTheConfiguredMaxima() throws Exception {
			assertThat(json("/api/random/int?n=50")).hasSize(50);
			problem("/api/random/int?n=51", "n")
				.andExpect(jsonPath("$.detail").value("Invalid 'n': must be between 1 and 50."));
			problem("/api/random/bytes?size=11", "size");
			problem("/api/random/dice?roll=4d6", "roll");
			problem("/api/random/shuffle?items=a,b,c", "items")
				.andExpect(jsonPath("$.detail").value("Invalid 'items': must list between 1 and 2 items, got 3."));
		}

	}

}
