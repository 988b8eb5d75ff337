package dev.switchboard.fileshare.purge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.switchboard.fileshare.FileshareClient;
import dev.switchboard.fileshare.FileshareIntegrationTest;
import dev.switchboard.fileshare.Multipart;
import dev.switchboard.fileshare.share.ShareRepository;
import dev.switchboard.fileshare.storage.FileStore;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge of ended shares: files go first, the record stays to answer 410, then goes
 * too.
 */
@FileshareIntegrationTest
class PurgeTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SharePurger purger;

	@Autowired
	private ShareRepository repository;

	@Autowired
	private FileStore store;

	private FileshareClient client;

	@BeforeEach
	void createClient() {
		this.client = new FileshareClient(this.port);
	}

	@Test
	void shouldRunEveryPurgeIntervalOfItsProperties(@Autowired ScheduledTaskHolder scheduler) {
		// purge-interval is 1h in these tests; its default lives only in
		// FileshareProperties
		assertThat(scheduler.getScheduledTasks()).map(ScheduledTask::getTask)
			.filteredOn(FixedDelayTask.class::isInstance)
			.map((task) -> ((FixedDelayTask) task).getIntervalDuration())
			.containsExactly(Duration.ofHours(1));
	}

	@Test
	void shouldPurgeTheFilesOfAnExhaustedShareAndKeepAnswering410() {
		JsonNode share = this.client.share(new Multipart().file("a.txt", new byte[] { 1 }));
		String token = share.get("token").asString();
		Path stored = storedPath(token);
		assertThat(stored).exists();
		assertThat(this.client.get("/s/" + token).statusCode()).isEqualTo(200);

		this.purger.purge(Instant.now().plusSeconds(1));

		assertThat(stored).doesNotExist();
		assertThat(this.repository.findByToken(token))
			.hasValueSatisfying((purged) -> assertThat(purged.getPurgedAt()).isNotNull());
		assertThat(this.client.get("/s/" + token).statusCode()).isEqualTo(410);
		assertThat(this.client.get("/api/shares/" + token).statusCode()).isEqualTo(200);
	}

	@Test
	void shouldPurgeExpiredSharesAndForgetTheirRecordsAfterTheRetention() {
		JsonNode share = this.client
			.share(new Multipart().field("expiresInSeconds", "60").file("a.txt", new byte[] { 1 }));
		String token = share.get("token").asString();
		Path stored = storedPath(token);

		this.purger.purge(Instant.now());
		assertThat(stored).exists();

		Instant afterExpiry = Instant.now().plus(Duration.ofMinutes(2));
		this.purger.purge(afterExpiry);
		assertThat(stored).doesNotExist();
		assertThat(this.client.get("/s/" + token).statusCode()).isEqualTo(410);

		this.purger.purge(afterExpiry.plus(Duration.ofDays(8)));
		assertThat(this.repository.findByToken(token)).isEmpty();
		assertThat(this.client.get("/s/" + token).statusCode()).isEqualTo(404);
	}

	@Test
	void shouldLeaveAvailableSharesAlone() {
		JsonNode share = this.client.share(new Multipart().field("maxDownloads", "2").file("a.txt", new byte[] { 1 }));
		String token = share.get("token").asString();
		assertThat(this.client.get("/s/" + token).statusCode()).isEqualTo(200);

		this.purger.purge(Instant.now().plusSeconds(10));

		assertThat(storedPath(token)).exists();
		assertThat(this.client.get("/s/" + token).statusCode()).isEqualTo(200);
	}

	@Test
	void shouldSweepAbandonedUploads() throws Exception {
		FileStore.IncomingFile abandoned = this.store.createIncoming();
		Files.setLastModifiedTime(abandoned.path(), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
		FileStore.IncomingFile inProgress = this.store.createIncoming();

		SharePurger.Result result = this.purger.purge(Instant.now());

		assertThat(result.uploadsSwept()).isGreaterThanOrEqualTo(1);
		assertThat(abandoned.path()).doesNotExist();
		assertThat(inProgress.path()).exists();
		this.store.discard(inProgress);
	}

	private Path storedPath(String token) {
		return this.store.path(this.repository.findByToken(token).orElseThrow().getFiles().getFirst().getStoredName());
	}

}
