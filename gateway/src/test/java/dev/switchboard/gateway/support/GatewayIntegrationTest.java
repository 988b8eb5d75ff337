package dev.switchboard.gateway.support;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one gateway every integration test shares: started on a random port (and its
 * management server on another) in front of four real downstream servers, one per
 * service, with short timeouts so that slow cases stay quick to test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "RANDOM_SERVICE_TIMEOUT=1s", "FILESHARE_SERVICE_TIMEOUT=1s",
				"FILESHARE_SERVICE_DOWNLOAD_TIMEOUT_MS=1000",
				"resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=1s",
				"switchboard.gateway.tcp-ports.echo=13000", "switchboard.gateway.request-read-timeout=2s",
				"GATEWAY_MANAGEMENT_PORT=0" })
public abstract class GatewayIntegrationTest {

	/** The request-read timeout of the gateway under test. */
	protected static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	protected static final Downstream random = Downstream.start("random-service");

	protected static final Downstream contacts = Downstream.start("contacts-service");

	protected static final Downstream messaging = Downstream.start("messaging-service");

	protected static final Downstream fileshare = Downstream.start("fileshare-service");

	@LocalServerPort
	protected int port;

	protected WebTestClient client;

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("RANDOM_SERVICE_URL", random::url);
		registry.add("CONTACTS_SERVICE_URL", contacts::url);
		registry.add("MESSAGING_SERVICE_URL", messaging::url);
		registry.add("FILESHARE_SERVICE_URL", fileshare::url);
	}

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl(gatewayUrl())
			.responseTimeout(Duration.ofSeconds(20))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
			.build();
	}

	protected String gatewayUrl() {
		return "http://localhost:" + this.port;
	}

}
