package dev.switchboard.fileshare.publicfolder;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.switchboard.fileshare.FileshareClient;
import dev.switchboard.fileshare.FileshareIntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only public folder: listings as HTML and JSON, files with their MIME types,
 * and nothing reachable outside it.
 */
@FileshareIntegrationTest
class PublicFolderTests {

	private static final Path PUBLIC = Path.of("target/test-data/public");

	private static final Path OUTSIDE = Path.of("target/test-data/outside");

	@LocalServerPort
	private int port;

	private FileshareClient client;

	@BeforeAll
	static void createFolder() throws IOException {
		Files.createDirectories(PUBLIC.resolve("docs/été"));
		Files.createDirectories(OUTSIDE);
		Files.writeString(PUBLIC.resolve("hello.txt"), "Hello from the public folder\n");
		Files.writeString(PUBLIC.resolve("index.html"), "<!DOCTYPE html><title>home</title>");
		Files.writeString(PUBLIC.resolve("data.json"), "{\"a\":1}");
		Files.write(PUBLIC.resolve("docs/été/photo <1>.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		Files.writeString(OUTSIDE.resolve("secret.txt"), "top secret");
		link(PUBLIC.resolve("escape"), OUTSIDE.toAbsolutePath());
		link(PUBLIC.resolve("secret-link.txt"), OUTSIDE.resolve("secret.txt").toAbsolutePath());
		link(PUBLIC.resolve("inside-link.txt"), PUBLIC.resolve("hello.txt").toAbsolutePath());
	}

	private static void link(Path link, Path target) throws IOException {
		Files.deleteIfExists(link);
		Files.createSymbolicLink(link, target);
	}

	@BeforeEach
	void createClient() {
		this.client = new FileshareClient(this.port);
	}

	@Test
	void shouldListTheFolderAsHtmlForBrowsers() {
		HttpResponse<byte[]> response = this.client.get("/pub/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		String html = new String(response.body(), StandardCharsets.UTF_8);
		assertThat(html).contains("Index of /pub/", "href=\"hello.txt\"", "href=\"docs/\"", "href=\"inside-link.txt\"")
			.doesNotContain("escape", "secret");
	}

	@Test
	void shouldListTheFolderAsJsonWhenAsked() {
		HttpResponse<byte[]> response = this.client.get("/pub/docs/", "Accept", "application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode listing = FileshareClient.json(response.body());
		assertThat(listing.get("path").asString()).isEqualTo("/pub/docs/");
		JsonNode entry = listing.get("entries").get(0);
		assertThat(entry.get("name").asString()).isEqualTo("été");
		assertThat(entry.get("type").asString()).isEqualTo("directory");
		assertThat(entry.get("href").asString()).isEqualTo("%C3%A9t%C3%A9/");
	}

	@Test
	void shouldNavigateSubfoldersAndServeFilesWithTheirMimeTypes() {
		JsonNode listing = FileshareClient
			.json(this.client.get("/pub/docs/%C3%A9t%C3%A9/", "Accept", "application/json").body());
		JsonNode entry = listing.get("entries").get(0);
		assertThat(entry.get("name").asString()).isEqualTo("photo <1>.png");
		assertThat(entry.get("size").asLong()).isEqualTo(4);

		HttpResponse<byte[]> png = this.client.get("/pub/docs/%C3%A9t%C3%A9/" + entry.get("href").asString());
		assertThat(png.statusCode()).isEqualTo(200);
		assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(png.body()).hasSize(4);

		assertThat(this.client.get("/pub/hello.txt").headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(this.client.get("/pub/data.json").headers().firstValue("Content-Type")).hasValue("application/json");
		HttpResponse<byte[]> html = this.client.get("/pub/index.html");
		assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html");
		assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void shouldServeRangesAndHeadOfFiles() {
		HttpResponse<byte[]> range = this.client.get("/pub/hello.txt", "Range", "bytes=0-4");
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo("Hello");

		HttpResponse<Void> head = this.client.send(HttpRequest.newBuilder(this.client.uri("/pub/hello.txt"))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.headers().firstValue("Content-Length")).hasValue("29");
	}

	@Test
	void shouldRedirectAFolderWithoutItsFinalSlash() {
		HttpResponse<byte[]> response = this.client.get("/pub/docs");

		assertThat(response.statusCode()).isEqualTo(301);
		assertThat(response.headers().firstValue("Location")).hasValue("docs/");
		HttpResponse<byte[]> root = this.client.get("/pub");
		assertThat(root.statusCode()).isEqualTo(301);
		assertThat(root.headers().firstValue("Location")).hasValue("pub/");
	}

	@Test
	void shouldAnswer404ProblemJsonForMissingFiles() {
		HttpResponse<byte[]> response = this.client.get("/pub/missing.txt");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).contains("/pub/missing.txt");
		assertThat(this.client.get("/pub/hello.txt/").statusCode()).isEqualTo(404);
	}

	@Test
	void shouldNotFollowLinksThatLeadOutside() {
		assertThat(this.client.get("/pub/secret-link.txt").statusCode()).isEqualTo(404);
		assertThat(this.client.get("/pub/escape/secret.txt").statusCode()).isEqualTo(404);
		assertThat(this.client.get("/pub/escape/").statusCode()).isEqualTo(404);
		assertThat(this.client.get("/pub/inside-link.txt").statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/pub/%2e%2e/outside/secret.txt", "/pub/%2E%2E/%2e%2e/pom.xml",
			"/pub/docs/%2e%2e/%2e%2e/outside/secret.txt", "/pub/..%2foutside/secret.txt",
			"/pub/..%5coutside/secret.txt", "/pub/%2e/hello.txt", "/pub/docs/..;/..;/outside/secret.txt" })
	void shouldNotReachAnythingOutsideWithEncodedDots(String path) throws IOException {
		String response = rawGet(path);

		assertThat(response).startsWith("HTTP/1.1 4").doesNotContain("top secret").doesNotContain("<project");
	}

	@Test
	void shouldNotReachAnythingOutsideWithPlainDots() throws IOException {
		for (String path : List.of("/pub/../outside/secret.txt", "/pub/docs/../../outside/secret.txt")) {
			assertThat(rawGet(path)).startsWith("HTTP/1.1 4").doesNotContain("top secret");
		}
	}

	// Sent on a raw socket: no client library normalises the path on the way
	private String rawGet(String path) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
