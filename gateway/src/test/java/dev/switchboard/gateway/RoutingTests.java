package dev.switchboard.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.switchboard.gateway.support.Downstream;
import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path family of the services reaches its service, with the method, path, query,
 * body and headers the client sent, plus the forwarded headers.
 */
class RoutingTests extends GatewayIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> ECHO = new ParameterizedTypeReference<>() {
	};

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "GET, /api/random/int?n=20&seed=7, random-service",
			"DELETE, /api/echo/fake/url?a=1&b=coucou, random-service",
			"GET, /api/contacts?q=ada&page=0, contacts-service", "PATCH, /api/contacts/12, contacts-service",
			"GET, /api/users?nickname=ada, messaging-service", "POST, /api/users/3/messages, messaging-service",
			"GET, /chat/, messaging-service", "GET, /chat/app.js, messaging-service",
			"GET, /api/shares/abc, fileshare-service", "DELETE, /api/shares/abc, fileshare-service",
			"GET, /s/abc/notes.txt, fileshare-service", "GET, /s/abc, fileshare-service",
			"GET, /share/d/abc, fileshare-service", "GET, /pub/, fileshare-service",
			"GET, /pub/docs/readme.md, fileshare-service" })
	void shouldRouteEachPathFamilyToItsService(String method, String uri, String service) {
		Map<String, Object> echo = this.client.method(HttpMethod.valueOf(method))
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(echo).containsEntry("service", service).containsEntry("method", method).containsEntry("uri", uri);
	}

	@Test
	void shouldRouteStatusRequestsToRandomServiceAndPassItsAnswerThrough() {
		this.client.get()
			.uri("/api/status/418")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.I_AM_A_TEAPOT)
			.expectBody()
			.json("{\"status\":418}");
	}

	@Test
	void shouldPassBodyAndHeadersThrough() {
		Map<String, Object> echo = this.client.put()
			.uri(URI.create(gatewayUrl() + "/api/echo/anything?x=%C3%A9t%C3%A9"))
			.header("X-Custom", "one", "two")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("a=1&b=coucou")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(echo).containsEntry("uri", "/api/echo/anything?x=%C3%A9t%C3%A9")
			.containsEntry("body", "a=1&b=coucou");
		assertThat(headers(echo)).containsEntry("x-custom", List.of("one", "two"))
			.containsEntry("content-type", List.of("application/x-www-form-urlencoded"));
	}

	@Test
	void shouldSendForwardedHeadersNamingTheGateway() {
		Map<String, Object> echo = this.client.get()
			.uri("/api/random/int")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(headers(echo)).containsEntry("x-forwarded-host", List.of("localhost:" + this.port))
			.containsEntry("x-forwarded-proto", List.of("http"))
			.containsEntry("x-forwarded-port", List.of(String.valueOf(this.port)))
			.containsEntry("x-forwarded-for", List.of("127.0.0.1"));
	}

	@Test
	void shouldReplaceForwardingHeadersForgedByTheClient() {
		Map<String, Object> echo = this.client.get()
			.uri("/api/contacts")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Prefix", "/evil")
			.header("Forwarded", "host=evil.example;proto=https")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(headers(echo)).containsEntry("x-forwarded-host", List.of("localhost:" + this.port))
			.containsEntry("x-forwarded-proto", List.of("http"))
			.doesNotContainKeys("x-forwarded-prefix", "forwarded");
	}

	@Test
	void shouldPassNoHopByHopHeaderEitherWay() {
		EntityExchangeResult<Map<String, Object>> result = this.client.get()
			.uri("/api/random/int")
			.header("Connection", "keep-alive, X-Client-Hop")
			.header("X-Client-Hop", "this connection only")
			.header("Keep-Alive", "timeout=5")
			.header("Proxy-Authorization", "Basic c2VjcmV0")
			.header("TE", "trailers")
			.header("X-Echo-Hop-By-Hop", "yes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult();
		Map<String, Object> echo = result.getResponseBody();
		assertThat(headers(echo)).as("what the service received")
			.containsKey("x-echo-hop-by-hop")
			.doesNotContainKeys("x-client-hop", "keep-alive", "proxy-authorization", "te");
		HttpHeaders answer = result.getResponseHeaders();
		assertThat(answer.getFirst("X-Service-Kept")).as("an end-to-end header of the answer").isEqualTo("end to end");
		assertThat(answer.headerNames()).as("what the client received")
			.doesNotContain("X-Service-Hop", "Keep-Alive", "Proxy-Authenticate");
	}

	@Test
	void shouldStreamAnUploadToTheService() {
		byte[] body = new byte[3 * 1024 * 1024];
		this.client.post()
			.uri("/api/shares")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("fileshare-service")
			.jsonPath("$.bytes")
			.isEqualTo(body.length);
	}

	@Test
	void shouldPassRangeHeadersToTheService() {
		Map<String, Object> echo = this.client.get()
			.uri("/s/abc")
			.header("Range", "bytes=100-199")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(headers(echo)).containsEntry("range", List.of("bytes=100-199"));
	}

	@Test
	void shouldPassACorsPreflightToTheServiceUntouched() {
		Map<String, Object> echo = this.client.options()
			.uri("/api/users/3/messages")
			.header("Origin", "https://elsewhere.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin")
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(echo).containsEntry("service", "messaging-service").containsEntry("method", "OPTIONS");
		assertThat(headers(echo)).containsEntry("origin", List.of("https://elsewhere.example"))
			.containsEntry("access-control-request-method", List.of("POST"))
			.containsEntry("access-control-request-headers", List.of("authorization"));
	}

	@Test
	void shouldPassOptionsToTheService() {
		Map<String, Object> echo = this.client.options()
			.uri("/api/contacts/12")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(ECHO)
			.returnResult()
			.getResponseBody();
		assertThat(echo).containsEntry("service", "contacts-service").containsEntry("method", "OPTIONS");
	}

	@ParameterizedTest(name = "HEAD {0}")
	@ValueSource(strings = { "/api/users/3/messages", "/api/contacts/12", "/api/shares/abc", "/s/abc", "/api/echo/x" })
	void shouldPassHeadToTheServiceAsHeadAndAnswerWithTheStatusOfGetAndNoBody(String uri) {
		EntityExchangeResult<byte[]> get = exchange(HttpMethod.GET, uri);
		EntityExchangeResult<byte[]> head = exchange(HttpMethod.HEAD, uri);
		assertThat(head.getResponseHeaders().getFirst("X-Echo-Method")).as("the service received a HEAD")
			.isEqualTo("HEAD");
		assertThat(head.getStatus()).isEqualTo(get.getStatus());
		assertThat(head.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON)
			.isEqualTo(get.getResponseHeaders().getContentType());
		assertThat(head.getResponseBody()).as("no body after HEAD").isNullOrEmpty();
	}

	// The echo stand-ins send no Content-Length after HEAD (Reactor Netty leaves it out):
	// a service that answers HEAD as HTTP says, fileshare's downloads, stands in here
	@Test
	void shouldAnswerHeadOfADownloadWithTheHeadersOfItsGetAndNoBody() throws IOException {
		byte[] file = "a line of a report\n".repeat(500).getBytes(StandardCharsets.UTF_8);
		try (DownloadService download = DownloadService.replacing(fileshare, file)) {
			EntityExchangeResult<byte[]> get = exchange(HttpMethod.GET, "/s/abc");
			EntityExchangeResult<byte[]> head = exchange(HttpMethod.HEAD, "/s/abc");
			assertThat(get.getResponseBody()).isEqualTo(file);
			assertThat(download.methods()).containsExactly("GET", "HEAD");
			assertThat(head.getStatus()).isEqualTo(get.getStatus());
			for (String header : List.of("Content-Length", "Content-Type", "Content-Disposition")) {
				assertThat(head.getResponseHeaders().get(header)).as(header)
					.isNotEmpty()
					.isEqualTo(get.getResponseHeaders().get(header));
			}
			assertThat(head.getResponseHeaders().getContentLength()).isEqualTo(file.length);
			assertThat(head.getResponseBody()).as("no body after HEAD").isNullOrEmpty();
		}
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "/chat, /chat/", "/share, /share/", "/pub, /pub/", "/chat?room=general, /chat/?room=general" })
	void shouldRedirectWebPagesToTheirTrailingSlash(String uri, String location) {
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.FOUND)
			.expectHeader()
			.location(location);
	}

	private EntityExchangeResult<byte[]> exchange(HttpMethod method, String uri) {
		return this.client.method(method).uri(uri).exchange().expectStatus().isOk().expectBody().returnResult();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, List<String>> headers(Map<String, Object> echo) {
		return (Map<String, List<String>>) echo.get("headers");
	}

	/**
	 * A service answering every request for a download as a file server does: GET with
	 * the file, HEAD with the same headers and no body. It takes the port of a stand-in,
	 * which it starts again when closed.
	 */
	private static final class DownloadService implements AutoCloseable {

		private final Downstream replaced;

		private final ServerSocket server;

		private final byte[] file;

		private final List<String> methods = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		private DownloadService(Downstream replaced, ServerSocket server, byte[] file) {
			this.replaced = replaced;
			this.server = server;
			this.file = file;
			this.acceptor = Thread.ofVirtual().start(this::accept);
		}

		static DownloadService replacing(Downstream downstream, byte[] file) throws IOException {
			int port = URI.create(downstream.url()).getPort();
			downstream.stop();
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return new DownloadService(downstream, server, file);
		}

		List<String> methods() {
			return this.methods;
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					Thread.ofVirtual().start(() -> serve(socket));
				}
				catch (IOException ex) {
					return; // closed
				}
			}
		}

		private void serve(Socket socket) {
			try (socket) {
				BufferedReader request = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				String method = request.readLine().split(" ")[0];
				String line = request.readLine();
				while (line != null && !line.isEmpty()) {
					line = request.readLine();
				}
				this.methods.add(method);
				OutputStream response = socket.getOutputStream();
				response.write(("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: "
						+ this.file.length + "\r\nContent-Disposition: attachment; filename=\"report.pdf\"\r\n"
						+ "Connection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				if (method.equals("GET")) {
					response.write(this.file);
				}
				response.flush();
			}
			catch (IOException ex) {
				// the gateway went away: nothing to answer
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			try {
				this.acceptor.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.replaced.restart();
		}

	}

}
