package dev.switchboard.fileshare.share;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.switchboard.fileshare.FileshareClient;
import dev.switchboard.fileshare.FileshareIntegrationTest;
import dev.switchboard.fileshare.Multipart;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method on every path that a token guards: HEAD answers what GET would refuse
 * (403, 404, 410) and never counts; OPTIONS and the methods not served reveal nothing and
 * change nothing; only DELETE with the delete token deletes; the delete token is shown
 * once, at upload, and never again.
 */
@FileshareIntegrationTest
class SecuredMethodsTests {

	private static final List<String> OTHER_METHODS = List.of("POST", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND");

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	private FileshareClient client;

	@BeforeEach
	void createClient() {
		this.client = new FileshareClient(this.port);
	}

	@Test
	void shouldAnswerHeadAsGetForEveryRefusal() {
		JsonNode exhausted = this.client.share(new Multipart().file("once.txt", new byte[] { 1 }));
		assertThat(this.client.get("/s/" + token(exhausted)).statusCode()).isEqualTo(200);
		JsonNode expired = this.client
			.share(new Multipart().field("maxDownloads", "5").file("old.txt", new byte[] { 2 }));
		expire(token(expired));
		JsonNode zip = this.client
			.share(new Multipart().file("a/1.txt", new byte[] { 3 }).file("a/2.txt", new byte[] { 4 }));
		assertThat(this.client.get("/s/" + token(zip)).statusCode()).isEqualTo(200);
		JsonNode available = this.client.share(new Multipart().file("notes.txt", new byte[] { 5 }));

		for (String path : List.of("/s/" + token(exhausted), "/s/" + token(exhausted) + "/once.txt",
				"/s/" + token(expired), "/s/" + token(expired) + "/old.txt", "/s/" + token(zip),
				"/s/" + token(zip) + "/a.zip", "/s/" + token(available) + "/other.txt",
				"/s/" + token(available) + "/notes.txt/", "/s/AAAAAAAAAAAAAAAAAAAAAA",
				"/s/AAAAAAAAAAAAAAAAAAAAAA/x.txt", "/s/not-a-token!")) {
			HttpResponse<String> head = send("HEAD", path);
			HttpResponse<String> get = send("GET", path);
			assertThat(get.statusCode()).as("GET " + path).isIn(403, 404, 410);
			assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode());
			// Spring's reflected-file-download guard may add "inline;filename=f.txt",
			// never
			// the share's attachment
			assertThat(head.headers().firstValue("Content-Disposition").orElse("")).as("HEAD " + path)
				.doesNotContain("attachment");
			assertThat(head.headers().firstValue("ETag")).as("HEAD " + path).isEmpty();
			assertThat(head.headers().firstValue("Content-Type")).as("HEAD " + path)
				.isEqualTo(get.headers().firstValue("Content-Type"));
			assertThat(head.body()).isEmpty();
		}
		assertThat(send("HEAD", "/s/" + token(available)).statusCode()).isEqualTo(200);
		assertThat(details(token(available)).get("downloads").asInt()).isZero();
	}

	@Test
	void shouldNeitherCountNorServeNorChangeAShareThroughOtherMethods() {
		JsonNode share = this.client.share(new Multipart().file("notes.txt", new byte[] { 1, 2, 3 }));
		String token = token(share);

		for (String path : List.of("/s/" + token, "/s/" + token + "/notes.txt")) {
			HttpResponse<String> options = send("OPTIONS", path);
			assertThat(options.statusCode()).as("OPTIONS " + path).isEqualTo(200);
			assertThat(options.headers().firstValue("Content-Disposition").orElse("")).doesNotContain("attachment");
			assertThat(options.body()).isEmpty();
			for (String method : OTHER_METHODS) {
				HttpResponse<String> response = send(method, path);
				assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
				assertThat(response.body()).as(method + " " + path).doesNotContain("\u0001\u0002\u0003");
				assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
					.doesNotContain("attachment");
			}
		}
		JsonNode after = details(token);
		assertThat(after.get("downloads").asInt()).isZero();
		assertThat(after.get("state").asString()).isEqualTo("available");
		assertThat(send("GET", "/s/" + token).body()).isEqualTo("\u0001\u0002\u0003");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "TRACE" })
	void shouldDeleteOnlyWithDeleteAndTheDeleteToken(String method) {
		JsonNode share = this.client.share(new Multipart().field("maxDownloads", "2").file("a.txt", new byte[] { 1 }));
		String token = token(share);
		String deleteToken = share.get("deleteToken").asString();

		for (String path : List.of("/api/shares/" + token, "/api/shares/" + token + "/qr", "/s/" + token)) {
			HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.client.uri(path))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.header("X-Delete-Token", deleteToken)
				.header("X-HTTP-Method-Override", "DELETE")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(method + " " + path).isNotEqualTo(204);
			assertThat(response.body()).as(method + " " + path).doesNotContain(deleteToken);
			assertThat(response.headers().map().toString()).as(method + " " + path).doesNotContain(deleteToken);
		}
		assertThat(send("POST", "/api/shares/" + token + "?_method=DELETE").statusCode()).isEqualTo(405);
		assertThat(send("GET", "/api/shares/" + token).statusCode()).isEqualTo(200);
	}

	@Test
	void shouldRefuseADeleteWithoutTheRightDeleteToken() {
		JsonNode share = this.client.share(new Multipart().file("a.txt", new byte[] { 1 }));
		JsonNode other = this.client.share(new Multipart().file("b.txt", new byte[] { 2 }));
		String path = "/api/shares/" + token(share);

		assertThat(delete(path, null).statusCode()).isEqualTo(403);
		assertThat(delete(path, "").statusCode()).isEqualTo(403);
		assertThat(delete(path, other.get("deleteToken").asString()).statusCode()).isEqualTo(403);
		assertThat(delete(path, share.get("deleteToken").asString().toLowerCase()).statusCode()).isEqualTo(403);
		assertThat(delete(path, "x".repeat(1_000)).statusCode()).isEqualTo(403);
		assertThat(send("GET", path).statusCode()).isEqualTo(200);

		assertThat(delete(path, share.get("deleteToken").asString()).statusCode()).isEqualTo(204);
		assertThat(send("GET", path).statusCode()).isEqualTo(404);
	}

	@Test
	void shouldNeverShowTheDeleteTokenAfterTheUpload() {
		JsonNode share = this.client.share(new Multipart().file("a.txt", new byte[] { 1 }));
		String deleteToken = share.get("deleteToken").asString();

		for (String method : List.of("GET", "HEAD", "OPTIONS")) {
			for (String path : List.of("/api/shares/" + token(share), "/api/shares/" + token(share) + "/qr",
					"/s/" + token(share), "/share/d/" + token(share))) {
				HttpResponse<String> response = send(method, path);
				assertThat(response.body()).as(method + " " + path).doesNotContain(deleteToken);
				assertThat(response.headers().map().toString()).as(method + " " + path).doesNotContain(deleteToken);
			}
		}
		JsonNode details = details(token(share));
		assertThat(details.has("deleteToken")).isFalse();
		assertThat(details.toString()).doesNotContain(deleteToken);
	}

	private void expire(String token) {
		JdbcClient.create(this.dataSource)
			.sql("UPDATE shares SET expires_at = :past WHERE token = :token")
			.param("past", OffsetDateTime.ofInstant(Instant.now().minusSeconds(3600), ZoneOffset.UTC))
			.param("token", token)
			.update();
	}

	private JsonNode details(String token) {
		return FileshareClient.json(this.client.get("/api/shares/" + token).body());
	}

	private HttpResponse<String> send(String method, String path) {
		return this.client.send(HttpRequest.newBuilder(this.client.uri(path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> delete(String path, String deleteToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.client.uri(path)).DELETE();
		if (deleteToken != null) {
			request.header("X-Delete-Token", deleteToken);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String token(JsonNode share) {
		return share.get("token").asString();
	}

}
