package dev.switchboard.service.defaults;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceDefaultsEnvironmentPostProcessorTests {

	/** The gateway cuts a route's answer after 5 s (resilience4j.timelimiter). */
	private static final long GATEWAY_ROUTE_TIMEOUT_MILLIS = 5000;

	private final ServiceDefaultsEnvironmentPostProcessor postProcessor = new ServiceDefaultsEnvironmentPostProcessor();

	@Test
	void shouldGiveUpOnADownDatabaseBeforeTheGatewayGivesUpOnTheService() {
		StandardEnvironment environment = new StandardEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		Long connectionTimeout = environment.getProperty("spring.datasource.hikari.connection-timeout", Long.class);
		Long validationTimeout = environment.getProperty("spring.datasource.hikari.validation-timeout", Long.class);
		assertThat(connectionTimeout).isPositive().isLessThan(GATEWAY_ROUTE_TIMEOUT_MILLIS);
		// Hikari requires the validation timeout below the connection timeout, and at
		// least 250 ms
		assertThat(validationTimeout).isBetween(250L, connectionTimeout - 1);
	}

	@Test
	void shouldLetTheEnvironmentOverrideTheDefaults() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("spring.datasource.hikari.connection-timeout", "10000")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.hikari.connection-timeout", Long.class)).isEqualTo(10000);
	}

}
