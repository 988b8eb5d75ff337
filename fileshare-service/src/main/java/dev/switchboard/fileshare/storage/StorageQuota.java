package dev.switchboard.fileshare.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.switchboard.fileshare.storage.InsufficientStorageException.Reason;
import dev.switchboard.fileshare.system.FileshareProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The room shares may take on disk. The files of the shares still stored plus the room
 * reserved by uploads in progress stay within {@code max-total-size}, and uploads leave
 * {@code min-free-space} free on the disk of the data directory.
 * <p>
 * Reservations are rows of the database, and room is granted under a lock row, one grant
 * at a time, after summing the stored shares and the reservations: the limit holds across
 * replicas sharing the database and the volume, and a share that is deleted or purged
 * gives its room back at once, whichever replica removed it. A reservation is replaced by
 * its share in the transaction that stores the share, so the room is counted once, never
 * twice nor zero times.
 */
@Component
public class StorageQuota {

	private static final Log log = LogFactory.getLog(StorageQuota.class);

	// Room granted at a time to an upload that did not declare its length (chunked)
	static final long GRANT = 4 * 1024 * 1024;

	// An upload refreshes its reservation at least this often while bytes arrive...
	static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	// ...so one not refreshed for this long was left by a replica that stopped: it no
	// longer counts, and the purge deletes it
	static final Duration STALE_AFTER = Duration.ofMinutes(10);

	// The gauges read the database at most this often, however often they are scraped
	private static final Duration USAGE_CACHE = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final FileStore store;

	private final FileshareProperties properties;

	private final Clock clock;

	private volatile Usage lastUsage;

	public StorageQuota(DataSource dataSource, PlatformTransactionManager transactionManager, FileStore store,
			FileshareProperties properties, Clock clock) {
		if (properties.maxTotalSize().isNegative() || properties.minFreeSpace().isNegative()) {
			throw new IllegalArgumentException("max-total-size and min-free-space must not be negative");
		}
		this.jdbc = JdbcClient.create(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Reserve room for an upload, checking its declared length against both limits before
	 * any of it is read.
	 * @param declared the most bytes the upload may store (its declared length, bounded
	 * by the share limit), or 0 when it did not declare its length: room is then reserved
	 * as bytes arrive
	 * @return the reservation, to {@link Reservation#release() release} if the upload
	 * fails
	 * @throws InsufficientStorageException if the upload cannot fit
	 */
	public Reservation reserve(long declared) {
		Reservation reservation = new Reservation();
		if (declared > 0) {
			checkFreeSpace(declared, true);
			reservation.hold(declared, declared, true);
		}
		return reservation;
	}

	/**
	 * Return the bytes of the shares whose files are stored, as last read from the
	 * database (at most a few seconds ago).
	 * @return the stored bytes
	 */
	public long storedBytes() {
		return usage().stored();
	}

	/**
	 * Return the room reserved by uploads in progress on every replica, as last read from
	 * the database (at most a few seconds ago).
	 * @return the reserved bytes
	 */
	public long reservedBytes() {
		return usage().reserved();
	}

	/**
	 * Delete the reservations left by uploads that stopped without releasing them (a
	 * replica that crashed).
	 * @param now the current time
	 * @return how many were deleted
	 */
	public int deleteStale(Instant now) {
		return this.jdbc.sql("DELETE FROM storage_reservations WHERE updated_at <= :stale")
			.param("stale", timestamp(now.minus(STALE_AFTER)))
			.update();
	}

	private Usage usage() {
		Usage usage = this.lastUsage;
		Instant now = this.clock.instant();
		if (usage == null || usage.readAt().plus(USAGE_CACHE).isBefore(now)) {
			usage = readUsage(now, 0);
			this.lastUsage = usage;
		}
		return usage;
	}

	private Usage readUsage(Instant now, long excludedReservation) {
		return this.jdbc.sql("""
				SELECT (SELECT COALESCE(SUM(total_size), 0) FROM shares WHERE purged_at IS NULL),
				       (SELECT COALESCE(SUM(bytes), 0) FROM storage_reservations
				        WHERE updated_at > :stale AND id <> :excluded)
				""")
			.param("stale", timestamp(now.minus(STALE_AFTER)))
			.param("excluded", excludedReservation)
			.query((row, number) -> new Usage(row.getLong(1), row.getLong(2), now))
			.single();
	}

	private void checkFreeSpace(long coming, boolean declared) {
		long minFree = this.properties.minFreeSpace().toBytes();
		if (minFree == 0) {
			return;
		}
		long usable = this.store.usableSpace();
		if (usable - coming < minFree) {
			throw new InsufficientStorageException(Reason.MIN_FREE_SPACE, ((declared)
					? "There is not enough free space for this upload (%s): the service keeps %s free on its disk (min-free-space). "
						.formatted(describe(coming), describe(minFree))
					: "The disk ran out of room for this upload: the service keeps %s free on its disk (min-free-space). "
						.formatted(describe(minFree)))
					+ "Try again later, or upload less.");
		}
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	static String describe(long bytes) {
		long[] factors = { 1L << 30, 1L << 20, 1L << 10 };
		String[] units = { "GiB", "MiB", "KiB" };
		for (int i = 0; i < factors.length; i++) {
			if (bytes >= factors[i]) {
				return (bytes % factors[i] == 0) ? (bytes / factors[i]) + " " + units[i]
						: String.format(Locale.ROOT, "%.1f %s", (double) bytes / factors[i], units[i]);
			}
		}
		return bytes + " bytes";
	}

	/**
	 * The room held by one upload in progress; used by one thread at a time.
	 */
	public final class Reservation {

		// 0 until a row is inserted (identity values start at 1)
		private long id;

		private long granted;

		private long received;

		private Instant touchedAt = StorageQuota.this.clock.instant();

		private Reservation() {
		}

		/**
		 * Account for bytes about to be written: check the free space left on the disk,
		 * and grow the reservation when they go past it.
		 * @param bytes how many bytes are about to be written
		 * @throws InsufficientStorageException if they do not fit
		 */
		public void accept(int bytes) {
			this.received += bytes;
			checkFreeSpace(bytes, false);
			if (this.received > this.granted) {
				long needed = this.received - this.granted;
				long share = StorageQuota.this.properties.maxShareSize().toBytes();
				hold(this.granted + needed, Math.max(this.granted + needed, Math.min(this.granted + GRANT, share)),
						false);
			}
			else if (this.id != 0 && StorageQuota.this.clock.instant().isAfter(this.touchedAt.plus(TOUCH_INTERVAL))) {
				touch();
			}
		}

		/**
		 * Give the room back: the upload failed. Quiet: a reservation that cannot be
		 * deleted now goes stale and stops counting.
		 */
		public void release() {
			if (this.id == 0) {
				return;
			}
			try {
				StorageQuota.this.jdbc.sql("DELETE FROM storage_reservations WHERE id = :id")
					.param("id", this.id)
					.update();
				this.id = 0;
			}
			catch (RuntimeException ex) {
				log.warn("Cannot release the room reserved by a failed upload (it stops counting in "
						+ STALE_AFTER.toMinutes() + " minutes): " + ex.getMessage());
			}
		}

		/**
		 * Replace the reservation by the share it was for: call it in the transaction
		 * that stores the share, so that its room is counted once, by the share.
		 */
		public void settle() {
			if (this.id != 0) {
				StorageQuota.this.jdbc.sql("DELETE FROM storage_reservations WHERE id = :id")
					.param("id", this.id)
					.update();
			}
		}

		/**
		 * Return how much room the reservation holds.
		 * @return the bytes granted
		 */
		public long granted() {
			return this.granted;
		}

		private void touch() {
			Instant now = StorageQuota.this.clock.instant();
			int updated = StorageQuota.this.jdbc.sql("UPDATE storage_reservations SET updated_at = :now WHERE id = :id")
				.param("now", timestamp(now))
				.param("id", this.id)
				.update();
			this.touchedAt = now;
			if (updated == 0) {
				// Deleted as stale (a clock that jumped): take the room again, if it is
				// left
				hold(this.granted, this.granted, false);
			}
		}

		/**
		 * Hold at least {@code minimum} bytes in all, {@code preferred} if there is room,
		 * under the lock that every grant takes.
		 */
		private void hold(long minimum, long preferred, boolean declared) {
			Instant now = StorageQuota.this.clock.instant();
			long max = StorageQuota.this.properties.maxTotalSize().toBytes();
			long held = StorageQuota.this.transactions.execute((status) -> {
				StorageQuota.this.jdbc.sql("SELECT id FROM storage_lock WHERE id = 1 FOR UPDATE")
					.query(Integer.class)
					.single();
				Usage others = readUsage(now, this.id);
				long room = max - others.stored() - others.reserved();
				if (room < minimum) {
					throw noRoom(max, room, minimum, declared);
				}
				long grant = Math.min(preferred, room);
				write(grant, now);
				return grant;
			});
			this.granted = held;
			this.touchedAt = now;
		}

		private void write(long bytes, Instant now) {
			if (this.id != 0 && StorageQuota.this.jdbc
				.sql("UPDATE storage_reservations SET bytes = :bytes, updated_at = :now WHERE id = :id")
				.param("bytes", bytes)
				.param("now", timestamp(now))
				.param("id", this.id)
				.update() == 1) {
				return;
			}
			KeyHolder key = new GeneratedKeyHolder();
			StorageQuota.this.jdbc.sql("INSERT INTO storage_reservations (bytes, updated_at) VALUES (:bytes, :now)")
				.param("bytes", bytes)
				.param("now", timestamp(now))
				.update(key, "id");
			this.id = key.getKeyAs(Long.class);
		}

		private InsufficientStorageException noRoom(long max, long room, long minimum, boolean declared) {
			String limit = "all shares together may take at most %s (max-total-size)".formatted(describe(max));
			String detail = (declared)
					? "There is no room for this upload (%s): %s, and %s is left. ".formatted(describe(minimum), limit,
							describe(Math.max(0, room)))
					: "There is no room left for this upload: %s. ".formatted(limit);
			return new InsufficientStorageException(Reason.MAX_TOTAL_SIZE,
					detail + "Try again after some shares end, or upload less.");
		}

	}

	/**
	 * Bytes of the stored shares and of the reservations, read at a given time.
	 */
	private record Usage(long stored, long reserved, Instant readAt) {
	}

}
