package dev.switchboard.gateway.landing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import dev.switchboard.gateway.system.SwitchboardGatewayProperties;
import dev.switchboard.gateway.system.SwitchboardGatewayProperties.TcpPorts;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The page at {@code /}: links to Swagger UI and the web pages, and the raw TCP ports
 * with {@code nc} examples that name the host the user reached.
 */
class LandingPage {

	private final String template;

	private final String tcpHost;

	LandingPage(SwitchboardGatewayProperties properties) {
		TcpPorts ports = properties.tcpPorts();
		this.template = read("landing/index.html").replace("{{echoPort}}", String.valueOf(ports.echo()))
			.replace("{{contactsPort}}", String.valueOf(ports.contacts()))
			.replace("{{chatPort}}", String.valueOf(ports.chat()))
			.replace("{{rfc862Port}}", String.valueOf(ports.rfc862()));
		this.tcpHost = properties.tcpHost();
	}

	Mono<ServerResponse> render(ServerRequest request) {
		String host = this.tcpHost.isBlank() ? request.uri().getHost() : this.tcpHost;
		String html = this.template.replace("{{host}}", HtmlUtils.htmlEscape((host != null) ? host : "localhost"));
		return ServerResponse.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.bodyValue(html);
	}

	private static String read(String path) {
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the landing page template " + path, ex);
		}
	}

}
