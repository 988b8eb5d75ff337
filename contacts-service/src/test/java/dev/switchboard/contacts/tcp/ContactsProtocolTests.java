package dev.switchboard.contacts.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.switchboard.test.postgres.WithEmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCP contacts protocol against bad input: every bad request gets a clear
 * {@code status: false} and the server keeps serving everyone else. Test timeouts: 3 s
 * idle, 6 s per request (src/test/resources/application.properties).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@WithEmbeddedPostgres
class ContactsProtocolTests {

	@Value("${local.switchboard.socket.contacts.port}")
	private int port;

	@Test
	void shouldExplainMalformedJson() {
		assertError("{\"cmd\" \"list\"}", "malformed JSON: Unexpected character");
		assertError("list please", "malformed JSON: Unexpected character ('l'");
	}

	@Test
	void shouldExplainRequestsOfTheWrongShape() {
		assertError("[1, 2]", "a request is one JSON object like {\"cmd\": \"list\", \"args\": {}}");
		assertError("{\"args\": {}}",
				"missing \"cmd\": say which command to run: list, add, get, search, update or delete");
		assertError("{\"cmd\": 42}", "\"cmd\" must be a string");
		assertError("{\"cmd\": \"list\", \"args\": [1]}", "\"args\" must be a JSON object");
		assertError("{\"cmd\": \"list\", \"extra\": 1}", "unknown member 'extra'");
		assertError("{\"cmd\": \"list\", \"cmd\": \"add\"}", "malformed JSON: Duplicate Object property \"cmd\"");
	}

	@Test
	void shouldExplainUnknownCommands() {
		assertError("{\"cmd\": \"drop\", \"args\": {}}",
				"unknown command 'drop': use list, add, get, search, update or delete");
	}

	@Test
	void shouldExplainMissingAndInvalidArguments() {
		assertError("{\"cmd\": \"add\", \"args\": {\"name\": \"No Mail\"}}", "missing argument 'mail' for add");
		assertError("{\"cmd\": \"add\", \"args\": {\"name\": \"Bad\", \"mail\": \"nope\"}}",
				"invalid 'mail': must be a mail address like name@example.org");
		assertError("{\"cmd\": \"add\", \"args\": {\"name\": \"" + "n".repeat(101) + "\", \"mail\": \"a@b.org\"}}",
				"invalid 'name': size must be between 0 and 100");
		assertError("{\"cmd\": \"add\", \"args\": {\"name\": 7, \"mail\": \"a@b.org\"}}",
				"'name' must be a string, got 7");
		assertError("{\"cmd\": \"add\", \"args\": {\"name\": \"A\", \"mail\": \"a@b.org\", \"age\": 3}}",
				"unknown argument 'age' for add: use mail, name, notes, phone");
		assertError("{\"cmd\": \"get\", \"args\": {}}", "missing argument 'id' for get");
		assertError("{\"cmd\": \"get\", \"args\": {\"id\": -3}}", "'id' must be a positive whole number, got -3");
		assertError("{\"cmd\": \"get\", \"args\": {\"id\": 1.5}}", "'id' must be a positive whole number, got 1.5");
		assertError("{\"cmd\": \"get\", \"args\": {\"id\": 99999999999}}", "No contact with id 99999999999.");
		assertError("{\"cmd\": \"search\", \"args\": {\"q\": \"\"}}", "'q' must be 1 to 100 characters");
		assertError("{\"cmd\": \"update\", \"args\": {\"id\": 1}}", "nothing to update");
		assertError("{\"cmd\": \"list\", \"args\": {\"page\": 2}}", "unknown argument 'page' for list: it takes none");
	}

	@Test
	void shouldExplainBinaryGarbageAndInvalidUtf8() {
		assertError(new byte[] { (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef }, "malformed JSON");
		byte[] invalidUtf8 = "{\"cmd\": \"search\", \"args\": {\"q\": \"caf\u0000\"}}".getBytes(StandardCharsets.UTF_8);
		invalidUtf8[invalidUtf8.length - 4] = (byte) 0xc3;
		assertError(invalidUtf8, "request is not valid UTF-8: byte 0x22 at offset ");
	}

	@Test
	void shouldRefuseEveryInvalidUtf8SequenceAndStoreNothing() {
		String[] sequences = { "c0af", "e080af", "eda080", "80", "e282", "f888808080", "fc8480808080" };
		for (String sequence : sequences) {
			String mail = "utf8-" + sequence + "-" + System.nanoTime() + "@example.org";
			byte[] start = "{\"cmd\": \"add\", \"args\": {\"name\": \"Bad ".getBytes(StandardCharsets.UTF_8);
			byte[] end = (" name\", \"mail\": \"" + mail + "\"}}").getBytes(StandardCharsets.UTF_8);
			byte[] request = concat(start, HexFormat.of().parseHex(sequence), end);
			JsonNode reply = TcpExchange.send(this.port, request);
			assertThat(reply.get("status").asBoolean()).as(sequence).isFalse();
			assertThat(reply.get("msg").asString()).as(sequence).startsWith("request is not valid UTF-8: ");
			assertThat(reply.get("data").isNull()).isTrue();
			JsonNode found = TcpExchange.send(this.port, "{\"cmd\": \"search\", \"args\": {\"q\": \"" + mail + "\"}}");
			assertThat(found.get("data")).as("nothing stored for " + sequence).isEmpty();
		}
	}

	@Test
	void shouldStoreValidAccentedText() {
		String mail = "accents-" + System.nanoTime() + "@example.org";
		JsonNode added = TcpExchange.send(this.port,
				"{\"cmd\": \"add\", \"args\": {\"name\": \"Hélène Œuvre 😀\", \"mail\": \"" + mail + "\"}}");
		assertThat(added.get("status").asBoolean()).as(added.toString()).isTrue();
		assertThat(added.get("data").get("name").asString()).isEqualTo("Hélène Œuvre 😀");
	}

	@Test
	void shouldRefuseARequestOverTheSizeLimit() {
		String big = "{\"cmd\": \"add\", \"args\": {\"name\": \"" + "x".repeat(70_000) + "\"}}";
		assertError(big, "request larger than the limit of 65536 bytes");
	}

	@Test
	void shouldAnswerAClientThatSendsNothingWithinTheIdleTimeout() throws IOException {
		long start = System.nanoTime();
		assertThat(reply(exchangeWithoutSending())).isEqualTo("no request received within 3s");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
	}

	@Test
	void shouldAnswerAClientThatSendsHalfARequestThenNothing() {
		assertError("{\"cmd\": \"add\", \"args\": {\"na", "request incomplete: no data received for 3s");
	}

	@Test
	void shouldAnswerAClientThatSendsARequestTooSlowly() throws Exception {
		try (Socket socket = connect()) {
			socket.getOutputStream().write("{\"cmd\":".getBytes(StandardCharsets.UTF_8));
			// a space every 500 ms: never idle for 3 s, never complete within 6 s; the
			// first write after the server answered and closed ends the task
			try (ScheduledExecutorService slowly = Executors.newSingleThreadScheduledExecutor()) {
				slowly.scheduleAtFixedRate(() -> write(socket, ' '), 500, 500, TimeUnit.MILLISECONDS);
				assertThat(reply(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)))
					.isEqualTo("request not complete within 6s");
			}
		}
	}

	@Test
	void shouldExplainARequestCutShortByAHalfClose() throws IOException {
		try (Socket socket = connect()) {
			socket.getOutputStream().write("{\"cmd\": \"li".getBytes(StandardCharsets.UTF_8));
			socket.shutdownOutput();
			assertThat(reply(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)))
				.isEqualTo("request ended before the end of the JSON document");
		}
	}

	@Test
	void shouldServeAThousandConcurrentClientsWhileBadOnesMisbehave() throws Exception {
		List<Socket> silent = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 50; i++) {
				silent.add(connect());
			}
			List<Future<JsonNode>> replies = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				String request = (i % 10 == 0) ? "garbage" : "{\"cmd\": \"list\", \"args\": {}}";
				replies.add(clients.submit(() -> TcpExchange.send(this.port, request)));
			}
			for (int i = 0; i < replies.size(); i++) {
				JsonNode reply = replies.get(i).get();
				assertThat(reply.get("status").asBoolean()).as(reply.toString()).isEqualTo(i % 10 != 0);
			}
		}
		finally {
			for (Socket socket : silent) {
				socket.close();
			}
		}
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int position = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, position, part.length);
			position += part.length;
		}
		return all;
	}

	private void assertError(String request, String message) {
		assertError(request.getBytes(StandardCharsets.UTF_8), message);
	}

	private void assertError(byte[] request, String message) {
		JsonNode reply = TcpExchange.send(this.port, request);
		assertThat(reply.get("status").asBoolean()).as(reply.toString()).isFalse();
		assertThat(reply.get("msg").asString()).startsWith(message);
		assertThat(reply.get("data").isNull()).isTrue();
		assertThat(reply.propertyNames()).containsExactly("status", "msg", "data");
	}

	private String exchangeWithoutSending() throws IOException {
		try (Socket socket = connect()) {
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port);
		socket.setSoTimeout(15_000);
		return socket;
	}

	/** Writes, or ends the repeated task that calls it once the server has closed. */
	private static void write(Socket socket, char c) {
		try {
			socket.getOutputStream().write(c);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String reply(String json) {
		JsonNode reply = JsonMapper.builder().build().readTree(json);
		assertThat(reply.get("status").asBoolean()).isFalse();
		assertThat(reply.get("data").isNull()).isTrue();
		return reply.get("msg").asString();
	}

}
