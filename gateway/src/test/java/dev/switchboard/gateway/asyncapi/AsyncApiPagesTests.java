package dev.switchboard.gateway.asyncapi;

import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway serves the AsyncAPI documents and their browser rendering under
 * {@code /asyncapi/}, from its own jar (the renderer is vendored: no CDN), and links them
 * from the landing page.
 */
class AsyncApiPagesTests extends GatewayIntegrationTest {

	@Test
	void shouldServeEveryDocument() {
		for (String name : AsyncApiDocumentsTests.DOCUMENTS) {
			String body = this.client.get()
				.uri("/asyncapi/" + name + ".yaml")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(body).startsWith("asyncapi: 3.0.0");
		}
	}

	@Test
	void shouldListTheDocumentsAndRenderThemWithTheVendoredComponent() {
		String index = page("/asyncapi/index.html");
		for (String name : AsyncApiDocumentsTests.DOCUMENTS) {
			assertThat(index).contains("href=\"view.html?doc=" + name + "\"");
		}
		String view = page("/asyncapi/view.html");
		assertThat(view).contains("src=\"vendor/asyncapi-standalone.js\"", "href=\"vendor/asyncapi-default.min.css\"")
			.doesNotContain("https://");
		// the bundle (about 3 MB) is served whole, as JavaScript
		this.client.get()
			.uri("/asyncapi/vendor/asyncapi-standalone.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Type", (type) -> assertThat(type).contains("javascript"))
			.expectHeader()
			.value("Content-Length", (length) -> assertThat(Long.parseLong(length)).isGreaterThan(1_000_000));
	}

	@Test
	void shouldLinkThemFromTheLandingPageBesideSwaggerUi() {
		assertThat(page("/")).contains("href=\"/swagger-ui.html\"", "href=\"/asyncapi/index.html\"");
	}

	private String page(String path) {
		return this.client.get()
			.uri(path)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
