package dev.switchboard.fileshare.share;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.test.postgres.WithEmbeddedPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository on a real PostgreSQL, with every call committed on its own, as in
 * production: the download counter must hold under concurrent updates.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@WithEmbeddedPostgres
class ShareRepositoryTests {

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@Autowired
	private ShareRepository repository;

	@Autowired
	private JdbcTemplate jdbc;

	@AfterEach
	void deleteShares() {
		this.jdbc.update("delete from shares");
	}

	@Test
	void shouldStoreAShareWithItsFilesInOrder() {
		Share saved = this.repository.save(share("tok-stored-000000", 1, this.now.plusSeconds(60), "b.txt", "a/c.txt"));

		Share found = this.repository.findByToken("tok-stored-000000").orElseThrow();
		assertThat(found.getId()).isEqualTo(saved.getId());
		assertThat(found.getFiles()).extracting(SharedFile::getName).containsExactly("b.txt", "a/c.txt");
		assertThat(found.getTotalSize()).isEqualTo(20);
		assertThat(found.getExpiresAt()).isEqualTo(this.now.plusSeconds(60));
	}

	@Test
	void shouldCountExactlyTheAllowedDownloadsUnderConcurrentUpdates() throws Exception {
		this.repository.save(share("tok-concurrent-00", 3, this.now.plusSeconds(60), "a.txt"));
		int threads = 24;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> counted = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			for (int i = 0; i < threads; i++) {
				counted.add(pool.submit(() -> {
					start.await();
					return this.repository.countDownload("tok-concurrent-00", Instant.now());
				}));
			}
			start.countDown();
			int total = 0;
			for (Future<Integer> result : counted) {
				total += result.get();
			}
			assertThat(total).isEqualTo(3);
		}
		assertThat(this.repository.findByToken("tok-concurrent-00").orElseThrow().getDownloads()).isEqualTo(3);
	}

	@Test
	void shouldNotCountADownloadOfAnExpiredShare() {
		this.repository.save(share("tok-expired-00000", 5, this.now.minusSeconds(1), "a.txt"));

		assertThat(this.repository.countDownload("tok-expired-00000", this.now)).isZero();
	}

	@Test
	void shouldFindEndedSharesAndDeleteTheirRecordsOncePurged() {
		Share expired = this.repository.save(share("tok-ended-expired", 5, this.now.minusSeconds(10), "a.txt"));
		Share exhausted = this.repository.save(share("tok-ended-exhaust", 1, this.now.plusSeconds(600), "a.txt"));
		this.repository.save(share("tok-still-availab", 1, this.now.plusSeconds(600), "a.txt"));
		assertThat(this.repository.countDownload("tok-ended-exhaust", this.now.minusSeconds(5))).isEqualTo(1);

		List<Share> ended = this.repository.findEndedBefore(this.now, Limit.of(10));

		assertThat(ended).extracting(Share::getToken).containsExactly("tok-ended-expired", "tok-ended-exhaust");
		this.repository.markPurged(expired.getId(), this.now);
		this.repository.markPurged(exhausted.getId(), this.now);
		assertThat(this.repository.findEndedBefore(this.now, Limit.of(10))).isEmpty();
		assertThat(this.repository.deletePurgedBefore(this.now.minus(Duration.ofDays(1)))).isZero();
		assertThat(this.repository.deletePurgedBefore(this.now)).isEqualTo(2);
		assertThat(this.jdbc.queryForObject("select count(*) from share_files", Integer.class)).isEqualTo(1);
	}

	private Share share(String token, int maxDownloads, Instant expiresAt, String... names) {
		List<SharedFile> files = new ArrayList<>();
		for (String name : names) {
			files.add(new SharedFile(name, 10, "0".repeat(64), 0, "0".repeat(32)));
		}
		return new Share(token, "f".repeat(64), maxDownloads, this.now.minusSeconds(60), expiresAt, files);
	}

}
