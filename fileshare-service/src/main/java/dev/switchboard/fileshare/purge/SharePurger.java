package dev.switchboard.fileshare.purge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.switchboard.fileshare.share.Share;
import dev.switchboard.fileshare.share.ShareRepository;
import dev.switchboard.fileshare.share.SharedFile;
import dev.switchboard.fileshare.storage.FileStore;
import dev.switchboard.fileshare.storage.StorageQuota;
import dev.switchboard.fileshare.system.FileshareProperties;

import org.springframework.data.domain.Limit;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes the files of shares that ended (expired or exhausted), which gives their room
 * back, keeps their records a while so that their links answer 410 Gone, then deletes the
 * records. Safe to run on several replicas at once: every step is idempotent.
 */
@Component
public class SharePurger implements SchedulingConfigurer {

	private static final Log log = LogFactory.getLog(SharePurger.class);

	private static final int BATCH_SIZE = 100;

	// Bounds one run; the next run continues
	private static final int MAX_BATCHES = 100;

	// An upload that wrote nothing for this long has stopped for good
	private static final Duration ABANDONED_UPLOAD = Duration.ofDays(1);

	private final ShareRepository repository;

	private final FileStore store;

	private final StorageQuota quota;

	private final FileshareProperties properties;

	private final Clock clock;

	public SharePurger(ShareRepository repository, FileStore store, StorageQuota quota, FileshareProperties properties,
			Clock clock) {
		this.repository = repository;
		this.store = store;
		this.quota = quota;
		this.properties = properties;
		this.clock = clock;
	}

	// Scheduled from the properties record, where the interval's default is written
	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		Duration interval = this.properties.purgeInterval();
		registrar.addFixedDelayTask(new FixedDelayTask(this::purgeOnSchedule, interval, interval));
	}

	void purgeOnSchedule() {
		Result result = purge(this.clock.instant());
		if (result.sharesPurged() + result.recordsDeleted() + result.uploadsSwept()
				+ result.reservationsReleased() > 0) {
			log.info(("Purged the files of %d ended shares, deleted %d old records, swept %d abandoned uploads, "
					+ "released %d stale room reservations")
				.formatted(result.sharesPurged(), result.recordsDeleted(), result.uploadsSwept(),
						result.reservationsReleased()));
		}
	}

	/**
	 * Purge what has ended by the given time.
	 * @param now the time to purge at
	 * @return what was purged
	 */
	public Result purge(Instant now) {
		Instant endedBefore = now.minus(this.properties.purgeDelay());
		int purged = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			List<Share> ended = this.repository.findEndedBefore(endedBefore, Limit.of(BATCH_SIZE));
			for (Share share : ended) {
				share.getFiles().stream().map(SharedFile::getStoredName).forEach(this.store::delete);
				purged += this.repository.markPurged(share.getId(), now);
			}
			if (ended.size() < BATCH_SIZE) {
				break;
			}
		}
		int deleted = this.repository.deletePurgedBefore(now.minus(this.properties.retention()));
		int swept = this.store.sweepIncoming(now.minus(ABANDONED_UPLOAD));
		int released = this.quota.deleteStale(now);
		return new Result(purged, deleted, swept, released);
	}

	/**
	 * What one purge did.
	 *
	 * @param sharesPurged shares whose files were deleted
	 * @param recordsDeleted records of purged shares deleted after the retention
	 * @param uploadsSwept files of abandoned uploads deleted
	 * @param reservationsReleased room reservations of stopped uploads deleted
	 */
	public record Result(int sharesPurged, int recordsDeleted, int uploadsSwept, int reservationsReleased) {
	}

}
