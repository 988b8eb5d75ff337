package dev.switchboard.random.echo;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RequestEchoProperties}: the former name of its property still works
 * for one release.
 */
class RequestEchoPropertiesTests {

	private final RequestEchoProperties defaults = new RequestEchoProperties(DataSize.ofMegabytes(1));

	@Test
	void shouldKeepItsOwnValueWhenTheFormerNameIsNotSet() {
		assertThat(this.defaults.orDeprecated(new MockEnvironment()).maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
	}

	@Test
	void shouldReadTheFormerNameWhenOnlyItIsSet() {
		MockEnvironment environment = new MockEnvironment().withProperty("switchboard.echo.http.max-body-size", "100B");
		assertThat(this.defaults.orDeprecated(environment).maxBodySize()).isEqualTo(DataSize.ofBytes(100));
	}

	@Test
	void shouldPreferTheNewNameToTheFormerOne() {
		MockEnvironment environment = new MockEnvironment().withProperty("switchboard.echo.http.max-body-size", "100B")
			.withProperty("switchboard.random.request-echo.max-body-size", "2KB");
		RequestEchoProperties bound = new RequestEchoProperties(DataSize.ofKilobytes(2));
		assertThat(bound.orDeprecated(environment).maxBodySize()).isEqualTo(DataSize.ofKilobytes(2));
	}

}
