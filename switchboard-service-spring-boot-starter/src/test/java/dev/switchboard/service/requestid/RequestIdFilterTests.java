package dev.switchboard.service.requestid;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

	@Test
	void shouldCreateDistinctVersion4Uuids() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = RequestIdFilter.newRequestId();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).as(id).isEqualTo(4);
			assertThat(uuid.variant()).as(id).isEqualTo(2);
			assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
			seen.add(id);
		}
		assertThat(seen).hasSize(10_000);
	}

}
