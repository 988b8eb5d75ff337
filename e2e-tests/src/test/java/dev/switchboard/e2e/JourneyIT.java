package dev.switchboard.e2e;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.switchboard.test.python.Python3;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's journey through the whole suite, as deployed: HTTP and WebSocket through the
 * gateway, raw TCP on the published ports.
 */
class JourneyIT {

	private static Suite suite;

	private static SuiteHttp gateway;

	@BeforeAll
	static void startSuite() {
		suite = Suite.shared();
		suite.ensureHealthy();
		gateway = suite.gateway();
	}

	@Test
	void shouldAnswerRandomNumbersThroughTheGateway() {
		SuiteHttp.Answer one = gateway.get("/api/random/int");
		assertThat(one.status()).as(one.toString()).isEqualTo(200);
		assertThat(one.json().isIntegralNumber()).as(one.toString()).isTrue();
		assertThat(one.json().asInt()).isBetween(0, 100);

		SuiteHttp.Answer twenty = gateway.get("/api/random/int?n=20");
		assertThat(twenty.status()).as(twenty.toString()).isEqualTo(200);
		assertThat(twenty.json().isArray()).as(twenty.toString()).isTrue();
		assertThat(twenty.json().size()).isEqualTo(20);
		twenty.json().forEach((value) -> assertThat(value.asInt()).isBetween(0, 100));

		SuiteHttp.Answer real = gateway.get("/api/random/float");
		assertThat(real.status()).as(real.toString()).isEqualTo(200);
		assertThat(real.json().isNumber()).as(real.toString()).isTrue();
		assertThat(real.json().asDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
	}

	@Test
	void shouldServeTheCoursePythonRequestsCallsThroughTheGateway() {
		// the course's calls (seeds/003), with the gateway in place of localhost:3003
		String source = """
				import sys
				import requests
				base = sys.argv[1]
				out = requests.get(base + "/api/random/int")
				assert out.status_code == 200, out.text
				print( out.json() )
				out = requests.get(base + "/api/random/float")
				assert out.status_code == 200, out.text
				print( out.json() )
				out = requests.get(base + "/api/random/int?n=20")
				assert out.status_code == 200, out.text
				print( out.json() )
				""";
		String output = Python3.run(Duration.ofSeconds(60), Map.of(), source, gateway.base()).successfulOutput();
		String[] lines = output.strip().split("\n");
		assertThat(lines).as(output).hasSize(3);
		assertThat(Integer.parseInt(lines[0].strip())).isBetween(0, 100);
		assertThat(Double.parseDouble(lines[1].strip())).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
		assertThat(lines[2].strip()).startsWith("[").endsWith("]");
		assertThat(lines[2].split(",")).hasSize(20);
	}

	@Test
	void shouldShowOverRestAContactAddedOverTcp() {
		String mail = "ada-" + UUID.randomUUID() + "@example.org";
		String reply = Tcp.exchange(suite.publishedPort(3001),
				"{\"cmd\": \"add\", \"args\": {\"name\": \"Ada L\u00f6velace\", \"mail\": \"" + mail + "\"}}");
		JsonNode added = SuiteHttp.JSON.readTree(reply);
		assertThat(added.path("status").asBoolean()).as(reply).isTrue();
		long id = added.path("data").path("id").asLong();

		SuiteHttp.Answer found = gateway.get("/api/contacts?q=" + mail);
		assertThat(found.status()).as(found.toString()).isEqualTo(200);
		JsonNode content = found.json().path("content");
		assertThat(content.size()).as(found.toString()).isEqualTo(1);
		assertThat(content.get(0).path("id").asLong()).isEqualTo(id);
		assertThat(content.get(0).path("name").asString()).isEqualTo("Ada L\u00f6velace");
		assertThat(content.get(0).path("mail").asString()).isEqualTo(mail);
		assertThat(found.json().path("page").path("totalElements").asLong()).isEqualTo(1);
	}

	@Test
	void shouldChatOverWebSocketsThroughTheGatewayAndDeliverDirectMessagesToTheInbox() {
		JsonNode alice = Users.create(gateway, "alice");
		JsonNode bob = Users.create(gateway, "bob");
		String room = "journey-" + UUID.randomUUID().toString().substring(0, 8);
		try (ChatSocket aliceChat = ChatSocket.open(gateway.base());
				ChatSocket bobChat = ChatSocket.open(gateway.base())) {
			assertThat(aliceChat.signIn(alice.path("token").asString()).path("type").asString()).isEqualTo("welcome");
			JsonNode welcome = bobChat.signIn(bob.path("token").asString());
			assertThat(welcome.path("nickname").asString()).isEqualTo(bob.path("nickname").asString());
			aliceChat.join(room);
			bobChat.join(room);

			aliceChat.send(Map.of("type", "say", "room", room, "text", "Bonjour \u00e0 tous", "ref", "say-1"));
			JsonNode ack = aliceChat.await(
					(frame) -> ChatSocket.type(frame, "message") && "say-1".equals(frame.path("ref").asString()),
					Duration.ofSeconds(15));
			assertThat(ack.path("id").isIntegralNumber()).as(ack.toString()).isTrue();
			JsonNode heard = bobChat.await((frame) -> ChatSocket.type(frame, "message")
					&& frame.path("id").asLong() == ack.path("id").asLong(), Duration.ofSeconds(15));
			assertThat(heard.path("room").asString()).isEqualTo(room);
			assertThat(heard.path("from").asString()).isEqualTo(alice.path("nickname").asString());
			assertThat(heard.path("text").asString()).isEqualTo("Bonjour \u00e0 tous");

			aliceChat.send(Map.of("type", "dm", "to", bob.path("nickname").asString(), "text", "psst", "ref", "dm-1"));
			JsonNode dmAck = aliceChat.await(
					(frame) -> ChatSocket.type(frame, "message") && "dm-1".equals(frame.path("ref").asString()),
					Duration.ofSeconds(15));
			bobChat.await((frame) -> ChatSocket.type(frame, "message")
					&& frame.path("id").asLong() == dmAck.path("id").asLong(), Duration.ofSeconds(15));

			SuiteHttp.Answer inbox = gateway.get("/api/users/" + bob.path("id").asLong() + "/messages", "Authorization",
					SuiteHttp.bearer(bob.path("token").asString()));
			assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
			assertThat(inbox.json().size()).as(inbox.toString()).isEqualTo(1);
			JsonNode message = inbox.json().get(0);
			assertThat(message.path("id").asLong()).isEqualTo(dmAck.path("id").asLong());
			assertThat(message.path("from").asString()).isEqualTo(alice.path("nickname").asString());
			assertThat(message.path("text").asString()).isEqualTo("psst");
		}
	}

	@Test
	void shouldShareAFileForOneDownloadThroughTheGateway() throws Exception {
		byte[] content = ("woof woof " + UUID.randomUUID()).repeat(1000).getBytes(StandardCharsets.UTF_8);
		SuiteHttp.Answer created = gateway.upload(Map.of("r\u00e9sum\u00e9 2026.txt", content), Map.of(),
				Duration.ofSeconds(30));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode share = created.json();
		assertThat(share.path("maxDownloads").asInt()).isEqualTo(1);
		assertThat(share.path("files").get(0).path("sha256").asString())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
		URI url = URI.create(share.path("url").asString());
		assertThat(url.getScheme() + "://" + url.getRawAuthority()).isEqualTo(gateway.base());

		SuiteHttp.Answer download = gateway.get(url.getRawPath());
		assertThat(download.status()).as(download.toString()).isEqualTo(200);
		assertThat(download.bytes()).isEqualTo(content);
		assertThat(download.header("Content-Disposition")).contains("attachment")
			.contains("filename*=UTF-8''r%C3%A9sum%C3%A9%202026.txt");

		SuiteHttp.Answer again = gateway.get(url.getRawPath());
		assertThat(again.status()).as(again.toString()).isEqualTo(410);
		assertThat(again.isProblem()).as(again.toString()).isTrue();
	}

	@Test
	void shouldEchoOverTcpAsTheCourseServerDoes() {
		assertThat(Tcp.exchange(suite.publishedPort(3000), "Hello server"))
			.isEqualTo("Serveur a re\u00e7u Hello server");
	}

}
