package dev.switchboard.messaging.websocket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.switchboard.messaging.ChatTestClient;
import dev.switchboard.messaging.MessagingIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket chat against its AsyncAPI document
 * ({@code docs/asyncapi/chat-websocket.yaml}): a real session on the running service goes
 * through every feature, records every frame the server sends, and checks that each one's
 * type is declared in the document's server operation and that each frame (sent or
 * received) matches one of the declared payloads.
 */
class ChatAsyncApiContractTests extends MessagingIntegrationTest {

	private static final Path DOCUMENT = Path.of("../docs/asyncapi/chat-websocket.yaml");

	private static JsonNode document;

	private static Schema serverFrame;

	private static Schema clientFrame;

	private final List<JsonNode> received = new ArrayList<>();

	private final List<String> sent = new ArrayList<>();

	@BeforeAll
	static void readDocument() throws IOException {
		document = YAMLMapper.builder().build().readTree(Files.readString(DOCUMENT));
		serverFrame = anyPayloadOf("sendServerFrames");
		clientFrame = anyPayloadOf("receiveClientFrames");
	}

	@Test
	void shouldSendOnlyFramesTheDocumentDeclares() {
		Registered alice = register("alice");
		Registered bob = register("bob");
		String room = uniqueNickname("contract");
		try (ChatTestClient aliceClient = ChatTestClient.open(chatUri())) {
			send(aliceClient, "{\"type\":\"auth\",\"token\":\"" + alice.token() + "\",\"ref\":\"a1\"}");
			await(aliceClient, "welcome");
			send(aliceClient, "{\"type\":\"join\",\"room\":\"#" + room + "\",\"ref\":\"j1\"}");
			await(aliceClient, "history");
			try (ChatTestClient bobClient = ChatTestClient.open(chatUri())) {
				send(bobClient, "{\"type\":\"auth\",\"token\":\"" + bob.token() + "\"}");
				await(bobClient, "welcome");
				awaitMatching(aliceClient, (frame) -> bob.nickname().equals(frame.path("joined").asString()));
				send(bobClient, "{\"type\":\"join\",\"room\":\"" + room + "\",\"ref\":7}");
				await(bobClient, "history");
				send(aliceClient, "{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"hello\",\"ref\":\"s1\"}");
				await(aliceClient, "message");
				await(bobClient, "message");
				send(aliceClient, "{\"type\":\"dm\",\"to\":\"" + bob.nickname() + "\",\"text\":\"hi\",\"ref\":\"d1\"}");
				await(aliceClient, "message");
				await(bobClient, "message");
				send(aliceClient, "{\"type\":\"who\",\"ref\":\"w1\"}");
				awaitMatching(aliceClient, (frame) -> frame.has("online") && !frame.has("room"));
				send(aliceClient, "{\"type\":\"who\",\"room\":\"" + room + "\"}");
				awaitMatching(aliceClient, (frame) -> frame.has("online") && frame.has("room"));
				send(aliceClient, "{\"type\":\"leave\",\"room\":\"" + room + "\"}");
				send(aliceClient,
						"{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"still here?\",\"ref\":\"s2\"}");
				await(aliceClient, "error");
				send(bobClient, "{\"type\":\"dance\"}");
				await(bobClient, "error");
				this.received.addAll(bobClient.drain());
			}
			awaitMatching(aliceClient, (frame) -> bob.nickname().equals(frame.path("left").asString()));
			this.received.addAll(aliceClient.drain());
		}
		int closeCode;
		try (ChatTestClient stranger = ChatTestClient.open(chatUri())) {
			send(stranger, "{\"type\":\"join\",\"room\":\"" + room + "\"}");
			await(stranger, "error");
			closeCode = stranger.awaitClose();
		}

		Set<String> declared = declaredTypes("sendServerFrames");
		Set<String> seen = new LinkedHashSet<>();
		for (JsonNode frame : this.received) {
			seen.add(frame.path("type").asString());
			List<Error> errors = serverFrame.validate(frame);
			assertThat(errors).as("server frame " + frame + " against the document: " + errors).isEmpty();
		}
		assertThat(declared).containsAll(seen);
		assertThat(seen).as("the session produced every frame type the document declares")
			.containsExactlyInAnyOrderElementsOf(declared);
		for (String frame : this.sent) {
			JsonNode node = json.readTree(frame);
			if (!"dance".equals(node.path("type").asString())) {
				assertThat(clientFrame.validate(node)).as("client frame " + frame).isEmpty();
			}
		}
		assertThat(clientFrame.validate(json.readTree("{\"type\":\"dance\"}"))).isNotEmpty();
		assertThat(document.path("info").path("description").asString()).contains("`" + closeCode + "`");
	}

	private void send(ChatTestClient client, String frame) {
		this.sent.add(frame);
		client.send(frame);
	}

	private JsonNode await(ChatTestClient client, String type) {
		return awaitMatching(client, (frame) -> type.equals(frame.path("type").asString()));
	}

	private JsonNode awaitMatching(ChatTestClient client, java.util.function.Predicate<JsonNode> condition) {
		while (true) {
			JsonNode frame = client.next();
			this.received.add(frame);
			if (condition.test(frame)) {
				return frame;
			}
		}
	}

	private static Set<String> declaredTypes(String operation) {
		Set<String> types = new LinkedHashSet<>();
		for (JsonNode message : messagesOf(operation)) {
			types.add(message.path("payload").path("properties").path("type").path("const").asString());
		}
		return types;
	}

	/**
	 * The messages of an operation, each {@code $ref} to the channel's message, itself a
	 * {@code $ref} to the components.
	 */
	private static List<JsonNode> messagesOf(String operation) {
		List<JsonNode> messages = new ArrayList<>();
		for (JsonNode ref : document.path("operations").path(operation).path("messages")) {
			JsonNode channelMessage = resolve(ref.path("$ref").asString());
			messages.add(resolve(channelMessage.path("$ref").asString()));
		}
		assertThat(messages).as(operation).isNotEmpty();
		return messages;
	}

	private static JsonNode resolve(String ref) {
		JsonNode node = document.at(ref.substring(1));
		assertThat(node.isMissingNode()).as(ref).isFalse();
		return node;
	}

	/**
	 * A JSON schema that accepts any payload of an operation's messages: {@code oneOf}
	 * them, beside the document's components so that their {@code $ref}s resolve.
	 */
	private static Schema anyPayloadOf(String operation) {
		ObjectNode schema = JsonNodeFactory.instance.objectNode();
		schema.put("$schema", "http://json-schema.org/draft-07/schema#");
		ArrayNode anyOf = schema.putArray("anyOf");
		for (JsonNode message : messagesOf(operation)) {
			anyOf.add(message.path("payload"));
		}
		schema.set("components", document.path("components"));
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schema);
	}

}
