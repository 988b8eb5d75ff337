package dev.switchboard.gateway.asyncapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every AsyncAPI document the gateway serves is a valid AsyncAPI 3.0 document, checked
 * against the specification's JSON schema kept in the repository
 * ({@code docs/asyncapi/schema}, from the npm package {@code @asyncapi/specs}).
 */
class AsyncApiDocumentsTests {

	static final List<String> DOCUMENTS = List.of("chat-websocket", "line-chat", "contacts-tcp", "course-echo",
			"rfc862-echo");

	private static final YAMLMapper yaml = YAMLMapper.builder().build();

	private static Schema asyncApi;

	@BeforeAll
	static void loadSchema() throws IOException {
		JsonNode schema = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("../docs/asyncapi/schema/asyncapi-3.0.0.json")));
		asyncApi = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema);
	}

	@ParameterizedTest
	@MethodSource("documents")
	void shouldBeAValidAsyncApi3Document(String name) throws IOException {
		JsonNode document = served(name);
		List<Error> errors = asyncApi.validate(document);
		assertThat(errors).as(name + ": " + errors).isEmpty();
		assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");
	}

	@Test
	void shouldServeEveryDocumentOfTheFolderAndNothingElse() throws IOException {
		Resource[] served = new PathMatchingResourcePatternResolver().getResources("classpath:static/asyncapi/*.yaml");
		assertThat(Arrays.stream(served).map(Resource::getFilename))
			.containsExactlyInAnyOrderElementsOf(DOCUMENTS.stream().map((name) -> name + ".yaml").toList());
	}

	@Test
	void shouldRefuseADocumentThatBreaksTheSchema() throws IOException {
		ObjectNode broken = (ObjectNode) served("course-echo");
		((ObjectNode) broken.path("operations").path("sendReply")).put("action", "publish");
		assertThat(asyncApi.validate(broken)).isNotEmpty();
	}

	static List<String> documents() {
		return DOCUMENTS;
	}

	static JsonNode served(String name) throws IOException {
		Resource resource = new PathMatchingResourcePatternResolver()
			.getResource("classpath:static/asyncapi/" + name + ".yaml");
		return yaml.readTree(resource.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
	}

}
