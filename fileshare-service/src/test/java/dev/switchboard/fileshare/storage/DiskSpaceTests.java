package dev.switchboard.fileshare.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import dev.switchboard.fileshare.FileshareApplication;
import dev.switchboard.fileshare.FileshareClient;
import dev.switchboard.fileshare.Multipart;
import dev.switchboard.fileshare.RawHttp;
import dev.switchboard.test.postgres.EmbeddedPostgresServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Uploads on a real, small disk: an 8 MiB tmpfs that the test mounts (it runs as root, as
 * CI does; without {@code mount} the test fails, it never skips). Two replicas share it
 * and one database: one keeps no free space and meets a real full disk (ENOSPC), the
 * other keeps 5 MiB free ({@code min-free-space}).
 */
@TestInstance(Lifecycle.PER_CLASS)
class DiskSpaceTests {

	private static final int MiB = 1024 * 1024;

	private Path disk;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private FileshareClient noMargin;

	private FileshareClient margin;

	private JdbcClient jdbc;

	@BeforeAll
	void mountASmallDiskAndStartTwoReplicas() throws Exception {
		this.disk = Files.createTempDirectory("fileshare-tmpfs");
		run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", this.disk.toString());
		assertThat(Files.getFileStore(this.disk).type()).as("the file system mounted for the test").isEqualTo("tmpfs");
		String database = EmbeddedPostgresServer.shared().createDatabase("fileshare_disk");
		this.jdbc = JdbcClient.create(new DriverManagerDataSource(database, EmbeddedPostgresServer.USERNAME, ""));
		this.noMargin = new FileshareClient(start(database, "0"));
		this.margin = new FileshareClient(start(database, "5MB"));
	}

	@AfterAll
	void stopTheReplicasAndUnmount() throws Exception {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		if (this.disk != null) {
			run("umount", this.disk.toString());
			Files.delete(this.disk);
		}
	}

	@BeforeEach
	void emptyTheDisk() throws IOException {
		this.jdbc.sql("DELETE FROM shares").update();
		for (String folder : List.of("files", "incoming")) {
			try (Stream<Path> files = Files.list(this.disk.resolve(folder))) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
		}
	}

	@Test
	void shouldAnswer507OnAFullDiskKeepNothingAndStayHealthy() throws IOException {
		long usableBefore = Files.getFileStore(this.disk).getUsableSpace();

		HttpResponse<String> response = uploadChunked(this.noMargin,
				new Multipart().file("too-big.bin", new byte[12 * MiB]));

		assertThat(response.statusCode()).isEqualTo(507);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).contains("disk", "full");
		assertThat(incomingFiles()).isEmpty();
		assertThat(Files.getFileStore(this.disk).getUsableSpace()).isEqualTo(usableBefore);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM shares").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM storage_reservations").query(Long.class).single()).isZero();
		assertThat(StorageLimitTests.metric(this.noMargin, "switchboard_fileshare_uploads_refused_total",
				"reason=\"disk-full\""))
			.isEqualTo(1);

		byte[] content = new byte[MiB];
		JsonNode share = this.noMargin.share(new Multipart().file("fits.bin", content));
		assertThat(this.noMargin.get("/s/" + share.get("token").asString()).body()).isEqualTo(content);
		JsonNode health = FileshareClient.json(this.noMargin.get("/actuator/health").body());
		assertThat(health.get("status").asString()).isEqualTo("UP");
	}

	@Test
	void shouldAnswer507BeforeReadingTheBodyWhenTheDeclaredLengthLeavesTooLittleFreeSpace() {
		String answer = RawHttp.declareUploadWithoutBody(this.margin.uri("/").getPort(), 4 * MiB);

		assertThat(answer).startsWith("HTTP/1.1 507 ")
			.contains("Content-Type: application/problem+json")
			.contains("min-free-space", "5 MiB");
		assertThat(StorageLimitTests.metric(this.margin, "switchboard_fileshare_uploads_refused_total",
				"reason=\"min-free-space\""))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void shouldAnswer507MidStreamBeforeTheFreeSpaceGoesBelowTheMargin() throws IOException {
		HttpResponse<String> response = uploadChunked(this.margin,
				new Multipart().file("too-big.bin", new byte[4 * MiB]));

		assertThat(response.statusCode()).isEqualTo(507);
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).contains("min-free-space");
		assertThat(incomingFiles()).isEmpty();
		assertThat(Files.getFileStore(this.disk).getUsableSpace()).isGreaterThan(7L * MiB);

		assertThat(this.margin.upload(new Multipart().file("fits.bin", new byte[2 * MiB])).statusCode()).isEqualTo(201);
		assertThat(Files.getFileStore(this.disk).getUsableSpace()).isGreaterThanOrEqualTo(5L * MiB);
	}

	private int start(String database, String minFreeSpace) {
		ConfigurableApplicationContext replica = new SpringApplicationBuilder(FileshareApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + database,
				"--spring.datasource.username=" + EmbeddedPostgresServer.USERNAME, "--spring.datasource.password=",
				"--switchboard.fileshare.data-dir=" + this.disk,
				"--switchboard.fileshare.public-dir=target/test-data/public",
				"--switchboard.fileshare.max-file-size=64MB", "--switchboard.fileshare.max-share-size=64MB",
				"--switchboard.fileshare.min-free-space=" + minFreeSpace, "--switchboard.fileshare.purge-interval=1h",
				"--spring.main.banner-mode=off");
		this.replicas.add(replica);
		return Integer.parseInt(replica.getEnvironment().getProperty("local.server.port"));
	}

	private List<Path> incomingFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.disk.resolve("incoming"))) {
			return files.toList();
		}
	}

	private static HttpResponse<String> uploadChunked(FileshareClient client, Multipart body) {
		byte[] bytes = body.toBytes();
		return client.send(HttpRequest.newBuilder(client.uri("/api/shares"))
			.header("Content-Type", body.contentType())
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void run(String... command) throws InterruptedException {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				fail(String.join(" ", command) + " did not finish within 30 s");
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				fail(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output
						+ " — this test mounts a small tmpfs to fill a real disk: run it as root "
						+ "(or with CAP_SYS_ADMIN), as CI does");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + String.join(" ", command), ex);
		}
	}

}
