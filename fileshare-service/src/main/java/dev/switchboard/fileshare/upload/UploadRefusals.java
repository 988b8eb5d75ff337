package dev.switchboard.fileshare.upload;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.switchboard.fileshare.storage.InsufficientStorageException.Reason;
import dev.switchboard.fileshare.storage.RefusedUploadException;

import org.springframework.stereotype.Component;

/**
 * Counts the uploads refused for their size (413) or for lack of room (507), by the limit
 * they went past: {@code switchboard.fileshare.uploads.refused{reason=...}}.
 */
@Component
public class UploadRefusals {

	static final String METRIC = "switchboard.fileshare.uploads.refused";

	private final Map<String, Counter> counters;

	UploadRefusals(MeterRegistry registry) {
		// Registered up front, so that every reason reads 0 before its first refusal
		this.counters = Stream
			.concat(Stream.of("max-file-size", "max-share-size", "max-files"),
					Stream.of(Reason.values()).map(Reason::tag))
			.collect(Collectors.toUnmodifiableMap(Function.identity(),
					(reason) -> Counter.builder(METRIC)
						.description("Uploads refused for their size (413) or for lack of room (507)")
						.tag("reason", reason)
						.register(registry)));
	}

	/**
	 * Count a refusal, if it is one of an upload's limits.
	 * @param refusal the exception that refuses the upload
	 */
	public void count(RefusedUploadException refusal) {
		Counter counter = this.counters.get(refusal.getLimit());
		if (counter != null) {
			counter.increment();
		}
	}

}
