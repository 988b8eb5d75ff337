package dev.switchboard.fileshare.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.switchboard.fileshare.FileshareClient;
import dev.switchboard.fileshare.Multipart;
import dev.switchboard.fileshare.RawHttp;
import dev.switchboard.fileshare.purge.SharePurger;
import dev.switchboard.test.postgres.WithEmbeddedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The total room all shares may take ({@code max-total-size}, 4 MiB here): refused at
 * once on the declared length, or mid-stream with nothing kept; given back by deletes and
 * purges; never overshot by uploads racing for the last room; counted in metrics.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "switchboard.fileshare.data-dir=target/test-data/quota-store",
				"switchboard.fileshare.public-dir=target/test-data/public", "switchboard.fileshare.max-file-size=3MB",
				"switchboard.fileshare.max-share-size=3MB", "switchboard.fileshare.max-total-size=4MB",
				"switchboard.fileshare.min-free-space=0", "switchboard.fileshare.purge-interval=1h",
				"switchboard.fileshare.purge-delay=0s" })
@WithEmbeddedPostgres
class StorageLimitTests {

	private static final int MAX_TOTAL_SIZE = 4 * 1024 * 1024;

	private static final int MiB = 1024 * 1024;

	@LocalServerPort
	private int port;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private SharePurger purger;

	private FileshareClient client;

	private JdbcClient jdbc;

	@BeforeEach
	void startWithAnEmptyStore() {
		this.client = new FileshareClient(this.port);
		this.jdbc = JdbcClient.create(this.dataSource);
		this.jdbc.sql("DELETE FROM shares").update();
		this.jdbc.sql("DELETE FROM storage_reservations").update();
	}

	@Test
	void shouldAnswer507BeforeReadingTheBodyWhenTheDeclaredLengthCrossesTheTotal() {
		this.client.share(new Multipart().file("first.bin", new byte[3 * MiB]));
		double refusedBefore = refused("max-total-size");

		String answer = RawHttp.declareUploadWithoutBody(this.port, 2 * MiB);

		assertThat(answer).startsWith("HTTP/1.1 507 ")
			.contains("Content-Type: application/problem+json")
			.contains("max-total-size", "4 MiB");
		assertThat(shares()).isEqualTo(1);
		assertThat(incomingFiles()).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM storage_reservations").query(Long.class).single()).isZero();
		assertThat(refused("max-total-size")).isEqualTo(refusedBefore + 1);
	}

	@Test
	void shouldAnswer507MidStreamAndKeepNothingWhenAnUploadOfUnknownLengthCrossesTheTotal() {
		this.client.share(new Multipart().file("first.bin", new byte[3 * MiB]));

		HttpResponse<String> response = uploadChunked(new Multipart().file("second.bin", new byte[2 * MiB]));

		assertThat(response.statusCode()).isEqualTo(507);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(FileshareClient.json(response.body()).get("detail").asString()).contains("max-total-size");
		assertThat(shares()).isEqualTo(1);
		assertThat(incomingFiles()).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM storage_reservations").query(Long.class).single()).isZero();
		assertThat(uploadChunked(new Multipart().file("small.bin", new byte[MiB / 2])).statusCode()).isEqualTo(201);
	}

	@Test
	void shouldGiveTheRoomBackWhenAShareIsDeleted() {
		JsonNode first = this.client.share(new Multipart().file("first.bin", new byte[3 * MiB]));
		Multipart second = new Multipart().file("second.bin", new byte[2 * MiB]);
		assertThat(this.client.upload(second).statusCode()).isEqualTo(507);

		HttpResponse<String> deleted = this.client
			.send(HttpRequest.newBuilder(this.client.uri("/api/shares/" + first.get("token").asString()))
				.header("X-Delete-Token", first.get("deleteToken").asString())
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(this.client.upload(second).statusCode()).isEqualTo(201);
	}

	@Test
	void shouldGiveTheRoomBackWhenEndedSharesArePurged() {
		JsonNode downloaded = this.client.share(new Multipart().file("once.bin", new byte[2 * MiB]));
		this.client.share(new Multipart().field("expiresInSeconds", "60").file("brief.bin", new byte[MiB]));
		assertThat(this.client.get("/s/" + downloaded.get("token").asString()).statusCode()).isEqualTo(200);
		Multipart next = new Multipart().file("next.bin", new byte[2 * MiB]);
		// Ended, but their files are still stored until the purge
		assertThat(this.client.upload(next).statusCode()).isEqualTo(507);

		this.purger.purge(Instant.now().plusSeconds(1));
		assertThat(this.client.upload(next).statusCode()).isEqualTo(201);
		assertThat(this.client.upload(new Multipart().file("more.bin", new byte[2 * MiB])).statusCode()).isEqualTo(507);

		this.purger.purge(Instant.now().plus(Duration.ofMinutes(2)));
		assertThat(this.client.upload(new Multipart().file("more.bin", new byte[MiB])).statusCode()).isEqualTo(201);
	}

	@Test
	void shouldNeverLetUploadsRacingForTheLastRoomTogetherCrossTheTotal() throws Exception {
		int size = 3 * MiB / 2;
		// Declared lengths: room is reserved up front, so exactly two of 1.5 MiB fit in 4
		// MiB
		List<Integer> declared = race(6, () -> this.client.upload(new Multipart().file("a.bin", new byte[size])));
		assertThat(declared).containsOnly(201, 507);
		assertThat(declared).filteredOn((status) -> status == 201).hasSize(2);
		assertThat(storedBytes()).isEqualTo(2L * size);

		this.jdbc.sql("DELETE FROM shares").update();
		// Unknown lengths: room is reserved as bytes arrive
		List<Integer> chunked = race(6, () -> uploadChunked(new Multipart().file("b.bin", new byte[size])));
		assertThat(chunked).containsOnly(201, 507).contains(201);
		assertThat(storedBytes()).isLessThanOrEqualTo(MAX_TOTAL_SIZE);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM storage_reservations").query(Long.class).single()).isZero();
		assertThat(incomingFiles()).isEmpty();
	}

	@Test
	void shouldCountTheRoomReservedByAnotherReplicaUntilItGoesStale() {
		reserveElsewhere(3 * MiB, Instant.now());
		assertThat(this.client.upload(new Multipart().file("a.bin", new byte[2 * MiB])).statusCode()).isEqualTo(507);

		this.jdbc.sql("DELETE FROM storage_reservations").update();
		// Left by a replica that stopped mid-upload: no longer refreshed, so no longer
		// counted
		reserveElsewhere(3 * MiB, Instant.now().minus(Duration.ofMinutes(11)));
		assertThat(this.client.upload(new Multipart().file("b.bin", new byte[2 * MiB])).statusCode()).isEqualTo(201);
		assertThat(this.purger.purge(Instant.now()).reservationsReleased()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM storage_reservations").query(Long.class).single()).isZero();
	}

	@Test
	void shouldExposeTheStorageUsedAndFreeAsGauges() {
		this.client.share(new Multipart().file("first.bin", new byte[3 * MiB]));

		// The gauges read the database at most every few seconds
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(metric("switchboard_fileshare_storage_used_bytes")).isEqualTo(3.0 * MiB));
		assertThat(metric("switchboard_fileshare_storage_limit_bytes")).isEqualTo(MAX_TOTAL_SIZE);
		assertThat(metric("switchboard_fileshare_storage_free_bytes")).isPositive();
		assertThat(metric("switchboard_fileshare_storage_reserved_bytes")).isZero();
		// Every reason is counted from 0, before its first refusal
		assertThat(refused("disk-full")).isZero();
		assertThat(refused("min-free-space")).isZero();
	}

	private List<Integer> race(int clients, Callable<HttpResponse<String>> upload) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			for (int i = 0; i < clients; i++) {
				statuses.add(pool.submit(() -> {
					start.await();
					return upload.call().statusCode();
				}));
			}
			start.countDown();
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get());
			}
			return answered;
		}
	}

	private HttpResponse<String> uploadChunked(Multipart body) {
		byte[] bytes = body.toBytes();
		return this.client.send(HttpRequest.newBuilder(this.client.uri("/api/shares"))
			.header("Content-Type", body.contentType())
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void reserveElsewhere(long bytes, Instant updatedAt) {
		this.jdbc.sql("INSERT INTO storage_reservations (bytes, updated_at) VALUES (:bytes, :at)")
			.param("bytes", bytes)
			.param("at", OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC))
			.update();
	}

	private long shares() {
		return this.jdbc.sql("SELECT COUNT(*) FROM shares").query(Long.class).single();
	}

	private long storedBytes() {
		return this.jdbc.sql("SELECT COALESCE(SUM(total_size), 0) FROM shares WHERE purged_at IS NULL")
			.query(Long.class)
			.single();
	}

	private List<Path> incomingFiles() {
		try (Stream<Path> files = Files.list(Path.of("target/test-data/quota-store/incoming"))) {
			return files.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private double refused(String reason) {
		return metric(this.client, "switchboard_fileshare_uploads_refused_total", "reason=\"" + reason + "\"");
	}

	private double metric(String name) {
		return metric(this.client, name, "");
	}

	/**
	 * Read one value from the service's Prometheus page.
	 * @param client the client of the service
	 * @param name the metric's name
	 * @param tag a tag the line must carry ({@code reason="disk-full"}), or empty
	 * @return the value
	 */
	static double metric(FileshareClient client, String name, String tag) {
		String page = new String(client.get("/actuator/prometheus").body(), StandardCharsets.UTF_8);
		return page.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter((line) -> line.contains(tag))
			.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No metric " + name + " " + tag + " in:\n" + page));
	}

}
