package dev.switchboard.messaging.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link WebSocketBufferEnvironmentPostProcessor}: Tomcat's WebSocket buffer
 * size comes from {@code switchboard.messaging.websocket.io-buffer-size}, unless the JVM
 * was given one.
 */
class WebSocketBufferEnvironmentPostProcessorTests {

	private static final String PROPERTY = WebSocketBufferEnvironmentPostProcessor.TOMCAT_BUFFER_SIZE;

	private String saved;

	@BeforeEach
	void save() {
		this.saved = System.getProperty(PROPERTY);
		System.clearProperty(PROPERTY);
	}

	@AfterEach
	void restore() {
		if (this.saved != null) {
			System.setProperty(PROPERTY, this.saved);
		}
		else {
			System.clearProperty(PROPERTY);
		}
	}

	@Test
	void shouldHandTomcatTheDefaultSize() {
		postProcess(new MockEnvironment());
		assertThat(System.getProperty(PROPERTY)).isEqualTo("2048");
	}

	@Test
	void shouldHandTomcatTheConfiguredSize() {
		postProcess(new MockEnvironment().withProperty("switchboard.messaging.websocket.io-buffer-size", "3KB"));
		assertThat(System.getProperty(PROPERTY)).isEqualTo("3072");
	}

	@Test
	void shouldLeaveASizeTheJvmWasGiven() {
		System.setProperty(PROPERTY, "16384");
		postProcess(new MockEnvironment().withProperty("switchboard.messaging.websocket.io-buffer-size", "3KB"));
		assertThat(System.getProperty(PROPERTY)).isEqualTo("16384");
	}

	private static void postProcess(MockEnvironment environment) {
		new WebSocketBufferEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
	}

}
