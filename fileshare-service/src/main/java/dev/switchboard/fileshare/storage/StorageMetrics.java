package dev.switchboard.fileshare.storage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.switchboard.fileshare.system.FileshareProperties;

import org.springframework.stereotype.Component;

/**
 * Gauges of the room shares take: the bytes of the stored shares, the room reserved by
 * uploads in progress (both as last read from the database, at most seconds ago), the
 * limit, and the free space of the data directory's disk.
 */
@Component
class StorageMetrics implements MeterBinder {

	private final StorageQuota quota;

	private final FileStore store;

	private final FileshareProperties properties;

	StorageMetrics(StorageQuota quota, FileStore store, FileshareProperties properties) {
		this.quota = quota;
		this.store = store;
		this.properties = properties;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("switchboard.fileshare.storage.used", this.quota, StorageQuota::storedBytes)
			.description("Bytes of the files of the shares still stored")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		Gauge.builder("switchboard.fileshare.storage.reserved", this.quota, StorageQuota::reservedBytes)
			.description("Room reserved by uploads in progress, on every replica")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		Gauge
			.builder("switchboard.fileshare.storage.limit", this.properties,
					(limits) -> limits.maxTotalSize().toBytes())
			.description("The most the files of all shares may take (max-total-size)")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
		Gauge.builder("switchboard.fileshare.storage.free", this.store, FileStore::usableSpace)
			.description("Usable space left on the disk of the data directory")
			.baseUnit(BaseUnits.BYTES)
			.register(registry);
	}

}
