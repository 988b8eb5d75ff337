package dev.switchboard.fileshare.share;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.switchboard.fileshare.FileshareClient;
import dev.switchboard.fileshare.FileshareIntegrationTest;
import dev.switchboard.fileshare.Multipart;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shares API on a running service: upload answers, details, delete, and every refusal
 * with its status code.
 */
@FileshareIntegrationTest
class ShareApiTests {

	@LocalServerPort
	private int port;

	private FileshareClient client;

	@BeforeEach
	void createClient() {
		this.client = new FileshareClient(this.port);
	}

	@Test
	void shouldAnswer201WithLinkChecksumsAndDeleteToken() throws Exception {
		byte[] content = "Hello Marcel".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = this.client.upload(new Multipart().field("maxDownloads", "3")
			.field("expiresInSeconds", "3600")
			.file("hello.txt", content));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode share = FileshareClient.json(response.body());
		String token = share.get("token").asString();
		assertThat(token).matches("[A-Za-z0-9_-]{22}");
		assertThat(share.get("url").asString()).isEqualTo("http://127.0.0.1:" + this.port + "/s/" + token);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("http://127.0.0.1:" + this.port + "/api/shares/" + token);
		assertThat(share.get("deleteToken").asString()).matches("[A-Za-z0-9_-]{43}");
		assertThat(share.get("maxDownloads").asInt()).isEqualTo(3);
		assertThat(share.get("downloads").asInt()).isZero();
		assertThat(share.get("files")).hasSize(1);
		JsonNode file = share.get("files").get(0);
		assertThat(file.get("name").asString()).isEqualTo("hello.txt");
		assertThat(file.get("size").asLong()).isEqualTo(content.length);
		assertThat(file.get("sha256").asString()).isEqualTo(sha256(content));
		Instant expiresAt = Instant.parse(share.get("expiresAt").asString());
		assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofMinutes(59),
				Duration.ofMinutes(61));
	}

	@Test
	void shouldDefaultToOneDownloadForOneDay() {
		JsonNode share = this.client.share(new Multipart().file("a.txt", new byte[] { 1 }));

		assertThat(share.get("maxDownloads").asInt()).isEqualTo(1);
		Instant expiresAt = Instant.parse(share.get("expiresAt").asString());
		assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofHours(23).plusMinutes(59),
				Duration.ofDays(1).plusMinutes(1));
	}

	@Test
	void shouldBuildTheLinkFromForwardedHeadersAsTheGatewaySendsThem() {
		Multipart body = new Multipart().file("a.txt", new byte[] { 1 });
		HttpResponse<String> response = this.client.send(body.post(this.client.uri("/api/shares"))
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "files.example.org")
			.header("X-Forwarded-Port", "443")
			.build(), HttpResponse.BodyHandlers.ofString());

		JsonNode share = FileshareClient.json(response.body());
		assertThat(share.get("url").asString())
			.isEqualTo("https://files.example.org/s/" + share.get("token").asString());
	}

	@Test
	void shouldShowDetailsWithoutDeleteTokenAndWithoutCounting() {
		JsonNode created = this.client
			.share(new Multipart().field("maxDownloads", "2").file("photos/été 2024.jpg", new byte[10]));
		String token = created.get("token").asString();

		for (int i = 0; i < 3; i++) {
			HttpResponse<byte[]> response = this.client.get("/api/shares/" + token);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode details = FileshareClient.json(response.body());
			assertThat(details.has("deleteToken")).isFalse();
			assertThat(details.get("name").asString()).isEqualTo("été 2024.jpg");
			assertThat(details.get("size").asLong()).isEqualTo(10);
			assertThat(details.get("downloads").asInt()).isZero();
			assertThat(details.get("downloadsLeft").asInt()).isEqualTo(2);
			assertThat(details.get("state").asString()).isEqualTo("available");
			assertThat(details.get("files").get(0).get("name").asString()).isEqualTo("photos/été 2024.jpg");
		}
		assertThat(this.client.get("/s/" + token).statusCode()).isEqualTo(200);
		JsonNode after = FileshareClient.json(this.client.get("/api/shares/" + token).body());
		assertThat(after.get("downloads").asInt()).isEqualTo(1);
		assertThat(after.get("downloadsLeft").asInt()).isEqualTo(1);
	}

	@Test
	void shouldAnswer404ForUnknownOrMalformedTokens() {
		assertThat(this.client.get("/api/shares/AAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
		HttpResponse<byte[]> response = this.client.get("/api/shares/not-a-token!");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).contains("No share has this token");
	}

	@Test
	void shouldDeleteWithTheDeleteTokenOnly() {
		JsonNode share = this.client.share(new Multipart().file("a.txt", new byte[] { 1 }));
		String token = share.get("token").asString();

		assertThat(delete(token, null).statusCode()).isEqualTo(403);
		HttpResponse<String> wrong = delete(token, "wrong-token");
		assertThat(wrong.statusCode()).isEqualTo(403);
		assertThat(FileshareClient.json(wrong.body()).get("detail").asString()).startsWith("Not allowed");
		assertThat(this.client.get("/s/" + token).statusCode()).isEqualTo(200);

		assertThat(delete(token, share.get("deleteToken").asString()).statusCode()).isEqualTo(204);
		assertThat(this.client.get("/api/shares/" + token).statusCode()).isEqualTo(404);
		assertThat(this.client.get("/s/" + token).statusCode()).isEqualTo(404);
		assertThat(delete(token, share.get("deleteToken").asString()).statusCode()).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "../escape.txt", "photos/../../escape.txt", "..", "/etc/passwd", "a\\\\b.txt",
			"C:/Windows/win.ini", "a//b.txt", "folder/", "./a.txt", "a\u0000b.txt", "a\rb.txt" })
	void shouldAnswer400ForUnsafeNames(String name) {
		HttpResponse<String> response = this.client
			.upload(new Multipart().rawFile("filename=\"" + name + "\"", new byte[] { 1 }));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).startsWith("The file name");
	}

	@Test
	void shouldAnswer400ForAnRfc2231NameWithTraversal() {
		HttpResponse<String> response = this.client
			.upload(new Multipart().rawFile("filename*=UTF-8''..%2F..%2Fescape.txt", new byte[] { 1 }));

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void shouldAnswer400ForOverlongNames() {
		String longSegment = "a".repeat(256);
		assertThat(this.client.upload(new Multipart().file(longSegment, new byte[] { 1 })).statusCode()).isEqualTo(400);
		String longPath = ("abcdefghi/").repeat(103) + "a.txt";
		assertThat(this.client.upload(new Multipart().file(longPath, new byte[] { 1 })).statusCode()).isEqualTo(400);
	}

	@Test
	void shouldAnswer400ForDuplicateOrCollidingNames() {
		assertThat(this.client.upload(new Multipart().file("a.txt", new byte[] { 1 }).file("a.txt", new byte[] { 2 }))
			.statusCode()).isEqualTo(400);
		assertThat(this.client.upload(new Multipart().file("a", new byte[] { 1 }).file("a/b.txt", new byte[] { 2 }))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void shouldAnswer400WithoutFilesOrWithBadOptions() {
		HttpResponse<String> noFile = this.client.upload(new Multipart().field("maxDownloads", "2"));
		assertThat(noFile.statusCode()).isEqualTo(400);
		assertThat(FileshareClient.json(noFile.body()).get("detail").asString()).contains("no file");

		HttpResponse<String> tooMany = this.client
			.upload(new Multipart().field("maxDownloads", "10001").file("a.txt", new byte[] { 1 }));
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(FileshareClient.json(tooMany.body()).get("errors").get(0).get("name").asString())
			.isEqualTo("maxDownloads");

		assertThat(this.client.upload(new Multipart().field("maxDownloads", "0").file("a.txt", new byte[] { 1 }))
			.statusCode()).isEqualTo(400);
		assertThat(this.client.upload(new Multipart().field("maxDownloads", "lots").file("a.txt", new byte[] { 1 }))
			.statusCode()).isEqualTo(400);
		assertThat(this.client.upload(new Multipart().field("expiresInSeconds", "0").file("a.txt", new byte[] { 1 }))
			.statusCode()).isEqualTo(400);
		HttpResponse<String> tooLong = this.client
			.upload(new Multipart().field("expiresInSeconds", "2592001").file("a.txt", new byte[] { 1 }));
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(FileshareClient.json(tooLong.body()).get("detail").asString()).contains("30 days");
		assertThat(this.client.upload(new Multipart().field("colour", "blue").file("a.txt", new byte[] { 1 }))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void shouldAcceptTenThousandDownloads() {
		JsonNode share = this.client
			.share(new Multipart().field("maxDownloads", "10000").file("a.txt", new byte[] { 1 }));

		assertThat(share.get("maxDownloads").asInt()).isEqualTo(10000);
	}

	@Test
	void shouldAnswer413WhenTheDeclaredSizeIsOverTheLimitBeforeReadingTheBody() {
		Multipart body = new Multipart().file("big.bin",
				new byte[FileshareIntegrationTest.MAX_SHARE_SIZE + 512 * 1024]);
		HttpResponse<String> response = this.client.send(
				body.post(this.client.uri("/api/shares")).expectContinue(true).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).contains("3 MiB");
	}

	@Test
	void shouldAnswer413WhenAFileIsOverTheLimitWhileStreaming() {
		HttpResponse<String> response = this.client
			.upload(new Multipart().file("big.bin", new byte[FileshareIntegrationTest.MAX_FILE_SIZE + 1]));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).contains("big.bin", "2 MiB");
	}

	@Test
	void shouldAnswer413WhenTheFilesAreOverTheShareLimitWhileStreaming() {
		HttpResponse<String> response = this.client
			.upload(new Multipart().file("one.bin", new byte[1_600_000]).file("two.bin", new byte[1_600_000]));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).contains("share");
	}

	@Test
	void shouldAnswer413OverTheNumberOfFiles() {
		Multipart body = new Multipart();
		for (int i = 0; i <= FileshareIntegrationTest.MAX_FILES; i++) {
			body.file("f" + i + ".txt", new byte[] { 1 });
		}
		assertThat(this.client.upload(body).statusCode()).isEqualTo(413);
	}

	@Test
	void shouldAnswer415ForABodyThatIsNotMultipart() {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.client.uri("/api/shares"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(415);
	}

	@Test
	void shouldAnswer400ForAMalformedMultipartBody() {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.client.uri("/api/shares"))
			.header("Content-Type", "multipart/form-data; boundary=xyz")
			.POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"file\"; "
					+ "filename=\"a.txt\"\r\n\r\nno closing boundary"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).contains("malformed");
	}

	@Test
	void shouldServeAQrCodeOfTheLink() {
		JsonNode share = this.client.share(new Multipart().file("a.txt", new byte[] { 1 }));

		HttpResponse<byte[]> response = this.client.get("/api/shares/" + share.get("token").asString() + "/qr");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("image/svg+xml"));
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith("<svg").contains("<path");
		assertThat(this.client.get("/api/shares/AAAAAAAAAAAAAAAAAAAAAA/qr").statusCode()).isEqualTo(404);
	}

	@Test
	void shouldDocumentTheApiInOpenApi() {
		JsonNode api = FileshareClient.json(this.client.get("/v3/api-docs").body());

		assertThat(api.get("paths").propertyNames())
			.contains("/api/shares", "/api/shares/{token}", "/s/{token}", "/s/{token}/{name}", "/api/shares/{token}/qr",
					"/pub/**")
			.doesNotContain("/error");
		JsonNode upload = api.get("paths").get("/api/shares").get("post");
		assertThat(upload.get("requestBody").get("content").has("multipart/form-data")).isTrue();
		assertThat(upload.get("responses").propertyNames()).contains("201", "400", "413");
	}

	private HttpResponse<String> delete(String token, String deleteToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.client.uri("/api/shares/" + token)).DELETE();
		if (deleteToken != null) {
			request.header("X-Delete-Token", deleteToken);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

}
