package dev.switchboard.fileshare.download;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.switchboard.fileshare.FileshareClient;
import dev.switchboard.fileshare.FileshareIntegrationTest;
import dev.switchboard.fileshare.Multipart;
import dev.switchboard.fileshare.ZipEntries;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ContentDisposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Downloads on a running service: bytes and headers, names, ranges, counting, zips,
 * expiry and concurrent downloads.
 */
@FileshareIntegrationTest
class DownloadTests {

	@LocalServerPort
	private int port;

	private FileshareClient client;

	@BeforeEach
	void createClient() {
		this.client = new FileshareClient(this.port);
	}

	@Test
	void shouldSendTheFileWithItsNameTypeLengthAndEtag() {
		byte[] content = randomBytes(200_000);
		JsonNode share = this.client.share(new Multipart().file("report.pdf", content));

		HttpResponse<byte[]> response = this.client.get("/s/" + token(share));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(content);
		assertThat(response.headers().firstValue("Content-Length")).hasValue("200000");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(response.headers().firstValue("ETag"))
			.hasValue("\"" + share.get("files").get(0).get("sha256").asString() + "\"");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		ContentDisposition disposition = disposition(response);
		assertThat(disposition.isAttachment()).isTrue();
		assertThat(disposition.getFilename()).isEqualTo("report.pdf");
	}

	@Test
	void shouldNeverRunSharedHtmlInTheSiteOrigin() {
		JsonNode share = this.client
			.share(new Multipart().file("page.html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)));

		HttpResponse<byte[]> response = this.client.get("/s/" + token(share));

		assertThat(disposition(response).isAttachment()).isTrue();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
	}

	@ParameterizedTest
	@ValueSource(strings = { "été à la plage.txt", "with spaces and 'apostrophes'.txt", "say \"hi\".txt",
			"emoji 🎉📦.bin", "percent %41 and plus+.txt", "日本語のファイル.txt", "semi;colon,comma.txt" })
	void shouldKeepOddNamesThroughUploadAndDownload(String name) {
		byte[] content = name.getBytes(StandardCharsets.UTF_8);
		JsonNode share = this.client.share(new Multipart().field("maxDownloads", "2").file(name, content));
		assertThat(share.get("files").get(0).get("name").asString()).isEqualTo(name);

		HttpResponse<byte[]> response = this.client.get("/s/" + token(share));
		assertThat(response.body()).isEqualTo(content);
		assertThat(disposition(response).getFilename()).isEqualTo(name);

		HttpResponse<byte[]> named = this.client.get("/s/" + token(share) + "/" + encodePath(name));
		assertThat(named.statusCode()).isEqualTo(200);
		assertThat(named.body()).isEqualTo(content);
	}

	@Test
	void shouldAcceptAnRfc2231EncodedName() {
		JsonNode share = this.client
			.share(new Multipart().rawFile("filename*=UTF-8''%C3%A9t%C3%A9.txt", new byte[] { 1 }));

		assertThat(share.get("name").asString()).isEqualTo("été.txt");
	}

	@Test
	void shouldAnswer403ForAnyOtherNameAsTheCourseDoes() {
		JsonNode share = this.client.share(new Multipart().file("notes.txt", new byte[] { 1 }));

		HttpResponse<byte[]> response = this.client.get("/s/" + token(share) + "/other.txt");

		assertThat(response.statusCode()).isEqualTo(403);
		JsonNode problem = FileshareClient.json(response.body());
		assertThat(problem.get("title").asString()).isEqualTo("Not allowed");
		assertThat(problem.get("detail").asString()).startsWith("Not allowed");
		assertThat(this.client.get("/s/" + token(share) + "/notes.txt").statusCode()).isEqualTo(200);
	}

	@Test
	void shouldAnswer404ForAnUnknownToken() {
		HttpResponse<byte[]> response = this.client.get("/s/AAAAAAAAAAAAAAAAAAAAAA");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.client.get("/s/AAAAAAAAAAAAAAAAAAAAAA/a.txt").statusCode()).isEqualTo(404);
	}

	@Test
	void shouldAnswer410PastMaxDownloads() {
		JsonNode share = this.client.share(new Multipart().field("maxDownloads", "2").file("a.txt", new byte[] { 7 }));

		assertThat(this.client.get("/s/" + token(share)).statusCode()).isEqualTo(200);
		assertThat(this.client.get("/s/" + token(share)).statusCode()).isEqualTo(200);
		HttpResponse<byte[]> gone = this.client.get("/s/" + token(share));

		assertThat(gone.statusCode()).isEqualTo(410);
		assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(gone.headers().firstValue("Content-Disposition")).isEmpty();
		assertThat(FileshareClient.json(gone.body()).get("detail").asString()).contains("no downloads left");
		JsonNode details = FileshareClient.json(this.client.get("/api/shares/" + token(share)).body());
		assertThat(details.get("state").asString()).isEqualTo("exhausted");
		assertThat(details.get("downloadsLeft").asInt()).isZero();
	}

	@Test
	void shouldAnswer410PastExpiry() {
		JsonNode share = this.client.share(new Multipart().field("expiresInSeconds", "1")
			.field("maxDownloads", "5")
			.file("a.txt", new byte[] { 7 }));

		// Poll the metadata, which never counts a download: polling /s/ itself could use
		// up the five downloads before the second passes and end the share as exhausted.
		await().atMost(java.time.Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					FileshareClient.json(this.client.get("/api/shares/" + token(share)).body()).get("state").asString())
				.isEqualTo("expired"));
		HttpResponse<byte[]> gone = this.client.get("/s/" + token(share));
		assertThat(gone.statusCode()).isEqualTo(410);
		assertThat(FileshareClient.json(gone.body()).get("detail").asString()).contains("expired");
	}

	@Test
	void shouldNeverCountHeadRequests() {
		JsonNode share = this.client.share(new Multipart().file("a.bin", randomBytes(100_000)));

		for (int i = 0; i < 3; i++) {
			HttpResponse<Void> head = this.client.send(HttpRequest.newBuilder(this.client.uri("/s/" + token(share)))
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(head.statusCode()).isEqualTo(200);
			assertThat(head.headers().firstValue("Content-Length")).hasValue("100000");
		}

		assertThat(this.client.get("/s/" + token(share)).statusCode()).isEqualTo(200);
		assertThat(this.client.get("/s/" + token(share)).statusCode()).isEqualTo(410);
	}

	@Test
	void shouldServeRangesAndCountEachOne() {
		byte[] content = randomBytes(150_000);
		JsonNode share = this.client.share(new Multipart().field("maxDownloads", "4").file("a.bin", content));
		String path = "/s/" + token(share);

		HttpResponse<byte[]> middle = this.client.get(path, "Range", "bytes=1000-100999");
		assertThat(middle.statusCode()).isEqualTo(206);
		assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 1000-100999/150000");
		assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 101000));

		HttpResponse<byte[]> suffix = this.client.get(path, "Range", "bytes=-10");
		assertThat(suffix.statusCode()).isEqualTo(206);
		assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(content, 149_990, 150_000));

		HttpResponse<byte[]> open = this.client.get(path, "Range", "bytes=149999-");
		assertThat(open.statusCode()).isEqualTo(206);
		assertThat(open.body()).hasSize(1);

		HttpResponse<byte[]> outside = this.client.get(path, "Range", "bytes=150000-");
		assertThat(outside.statusCode()).isEqualTo(416);
		assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */150000");

		assertThat(FileshareClient.json(this.client.get("/api/shares/" + token(share)).body()).get("downloads").asInt())
			.isEqualTo(3);
		HttpResponse<byte[]> stale = this.client.get(path, "Range", "bytes=0-9", "If-Range", "\"other\"");
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(stale.body()).isEqualTo(content);
		assertThat(this.client.get(path, "Range", "bytes=0-9").statusCode()).isEqualTo(410);
	}

	@Test
	void shouldAnswer304WithoutCountingWhenTheEtagMatches() {
		JsonNode share = this.client.share(new Multipart().file("a.txt", new byte[] { 1, 2, 3 }));
		String etag = "\"" + share.get("files").get(0).get("sha256").asString() + "\"";

		assertThat(this.client.get("/s/" + token(share), "If-None-Match", etag).statusCode()).isEqualTo(304);
		assertThat(this.client.get("/s/" + token(share)).statusCode()).isEqualTo(200);
	}

	@Test
	void shouldZipSeveralFilesWithExactlyTheirRelativePaths() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("vacances/été/plage 1.jpg", randomBytes(70_000));
		files.put("vacances/été/plage 2.jpg", randomBytes(10));
		files.put("vacances/notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
		files.put("vacances/empty.txt", new byte[0]);
		Multipart body = new Multipart();
		files.forEach(body::file);
		JsonNode share = this.client.share(body);
		assertThat(share.get("name").asString()).isEqualTo("vacances.zip");

		HttpResponse<byte[]> response = this.client.get("/s/" + token(share) + "/vacances.zip");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(disposition(response).getFilename()).isEqualTo("vacances.zip");
		assertThat(ZipEntries.unzip(response.body())).containsExactlyEntriesOf(files);
	}

	@Test
	void shouldNameTheZipFilesZipWithoutACommonFolder() {
		JsonNode share = this.client
			.share(new Multipart().file("a.txt", new byte[] { 1 }).file("docs/b.txt", new byte[] { 2 }));
		assertThat(share.get("name").asString()).isEqualTo("files.zip");

		assertThat(this.client.get("/s/" + token(share) + "/a.zip").statusCode()).isEqualTo(403);
		HttpResponse<byte[]> response = this.client.get("/s/" + token(share) + "/files.zip");
		assertThat(ZipEntries.unzip(response.body())).containsOnlyKeys("a.txt", "docs/b.txt");
		assertThat(this.client.get("/s/" + token(share)).statusCode()).isEqualTo(410);
	}

	@Test
	void shouldLetExactlyOneOfManyConcurrentDownloadsThrough() throws Exception {
		byte[] content = randomBytes(300_000);
		JsonNode share = this.client.share(new Multipart().file("once.bin", content));
		int clients = 16;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			for (int i = 0; i < clients; i++) {
				responses.add(pool.submit(() -> {
					start.await();
					return new FileshareClient(this.port).get("/s/" + token(share));
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<byte[]>> response : responses) {
				HttpResponse<byte[]> done = response.get();
				statuses.add(done.statusCode());
				if (done.statusCode() == 200) {
					assertThat(done.body()).isEqualTo(content);
				}
			}
			assertThat(statuses).containsOnly(200, 410);
			assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		}
	}

	static ContentDisposition disposition(HttpResponse<?> response) {
		return ContentDisposition.parse(response.headers().firstValue("Content-Disposition").orElseThrow());
	}

	static String token(JsonNode share) {
		return share.get("token").asString();
	}

	static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	private static String encodePath(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
