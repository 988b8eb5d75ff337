package dev.switchboard.gateway;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landing page links the web pages and lists the raw TCP ports from the configuration
 * (the echo port is 13000 in these tests).
 */
class LandingPageTests extends GatewayIntegrationTest {

	@Test
	void shouldLinkTheWebPagesAndListTheConfiguredTcpPorts() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((html) -> assertThat(html)
				.contains("href=\"/swagger-ui.html\"", "href=\"/chat/\"", "href=\"/share/\"", "href=\"/pub/\"")
				.contains("printf 'Hello server' | nc localhost 13000", "nc localhost 3001", "nc localhost 3002",
						"nc -u localhost 3007")
				.doesNotContain("{{"));
	}

	@Test
	void shouldEscapeTheHostItShows() {
		this.client.get()
			.uri("/")
			.header("Host", "a<b")
			.exchange()
			.expectBody(String.class)
			.value((html) -> assertThat(html).doesNotContain("a<b"));
	}

}
