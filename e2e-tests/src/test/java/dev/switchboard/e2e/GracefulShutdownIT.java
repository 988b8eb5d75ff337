package dev.switchboard.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM (what {@code docker compose stop} sends) drains in-flight work: an upload half
 * sent through the gateway and a TCP contacts request half sent both complete, then each
 * service exits by itself.
 */
class GracefulShutdownIT extends FaultTest {

	@Test
	void shouldFinishInFlightRequestsThenExitOnSigterm() throws Exception {
		ServiceProcess fileshare = this.suite.service("fileshare-service");
		ServiceProcess contacts = this.suite.service("contacts-service");
		byte[] content = ("in flight " + UUID.randomUUID() + "\n").repeat(20_000).getBytes(StandardCharsets.UTF_8);
		CountDownLatch halfSent = new CountDownLatch(1);
		CountDownLatch resume = new CountDownLatch(1);
		CompletableFuture<HttpResponse<String>> uploaded = uploadStoppingHalfway(content, halfSent, resume);

		// a TCP contacts request, its first half sent
		String mail = "grace-" + UUID.randomUUID() + "@example.org";
		String request = "{\"cmd\": \"add\", \"args\": {\"name\": \"Grace Hopper\", \"mail\": \"" + mail + "\"}}";
		try (Tcp tcp = Tcp.connect(this.suite.publishedPort(3001), Duration.ofSeconds(60))) {
			tcp.send(request.substring(0, request.length() / 2));
			assertThat(halfSent.await(30, TimeUnit.SECONDS)).as("half of the upload sent").isTrue();
			awaitBothRequestsInTheServicesHands(fileshare, contacts);

			fileshare.terminate();
			contacts.terminate();
			await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(fileshare.isAlive()).as("fileshare-service waits for its upload").isTrue();
				assertThat(contacts.isAlive()).as("contacts-service waits for its TCP request").isTrue();
			});

			tcp.send(request.substring(request.length() / 2));
			String reply = tcp.readToEnd();
			JsonNode added = SuiteHttp.JSON.readTree(reply);
			assertThat(added.path("status").asBoolean()).as(reply).isTrue();
			assertThat(added.path("data").path("mail").asString()).isEqualTo(mail);
		}
		finally {
			resume.countDown(); // the rest of the upload; also when an assertion failed
		}
		HttpResponse<String> response = uploaded.get(60, TimeUnit.SECONDS);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String token = SuiteHttp.JSON.readTree(response.body()).path("token").asString();

		assertBothExitByThemselves(fileshare, contacts);
		assertBothWritesKeptAfterARestart(fileshare, contacts, token, content, mail);
	}

	/** An upload through the gateway, its body stopped halfway until {@code resume}. */
	private CompletableFuture<HttpResponse<String>> uploadStoppingHalfway(byte[] content, CountDownLatch halfSent,
			CountDownLatch resume) {
		SuiteHttp.Multipart multipart = SuiteHttp.Multipart.of(Map.of("in-flight.txt", content), Map.of());
		byte[] body = multipart.body();
		InputStream slowBody = new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(body, body.length / 2)),
				new PausedStream(halfSent, resume, Arrays.copyOfRange(body, body.length / 2, body.length)));
		HttpRequest upload = HttpRequest.newBuilder(URI.create(this.gateway.base() + "/api/shares"))
			.timeout(Duration.ofSeconds(90))
			.header("Content-Type", multipart.contentType())
			.POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> slowBody), body.length))
			.build();
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.sendAsync(upload, BodyHandlers.ofString());
	}

	private static void awaitBothRequestsInTheServicesHands(ServiceProcess fileshare, ServiceProcess contacts) {
		Prometheus.awaitAtLeast(fileshare, "http_server_requests_active_seconds_count", "method=\"POST\"", 1,
				Duration.ofSeconds(20));
		Prometheus.awaitAtLeast(contacts, "switchboard_socket_connections_active_connections", "server=\"contacts\"", 1,
				Duration.ofSeconds(20));
	}

	private static void assertBothExitByThemselves(ServiceProcess fileshare, ServiceProcess contacts) {
		int fileshareExit = fileshare.awaitExit(Duration.ofSeconds(40));
		int contactsExit = contacts.awaitExit(Duration.ofSeconds(40));
		System.out.printf("After SIGTERM fileshare-service exited with %d, contacts-service with %d%n", fileshareExit,
				contactsExit);
		// 143 = 128 + SIGTERM: the JVM's exit status after a shutdown begun by the signal
		assertThat(fileshareExit).isIn(0, 143);
		assertThat(contactsExit).isIn(0, 143);
	}

	private void assertBothWritesKeptAfterARestart(ServiceProcess fileshare, ServiceProcess contacts, String token,
			byte[] content, String mail) {
		fileshare.start();
		contacts.start();
		fileshare.awaitReady(Suite.STARTUP_TIMEOUT);
		contacts.awaitReady(Suite.STARTUP_TIMEOUT);
		SuiteHttp.Answer download = this.gateway.get("/s/" + token);
		assertThat(download.status()).as(download.toString()).isEqualTo(200);
		assertThat(download.bytes()).isEqualTo(content);
		SuiteHttp.Answer contact = this.gateway.get("/api/contacts?q=" + mail);
		assertThat(contact.json().path("page").path("totalElements").asLong()).as(contact.toString()).isEqualTo(1);
	}

	/**
	 * The second half of a body: signals that the first half is gone, then waits before
	 * it gives its bytes.
	 */
	private static final class PausedStream extends InputStream {

		private final CountDownLatch reached;

		private final CountDownLatch resume;

		private final InputStream rest;

		PausedStream(CountDownLatch reached, CountDownLatch resume, byte[] rest) {
			this.reached = reached;
			this.resume = resume;
			this.rest = new ByteArrayInputStream(rest);
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			this.reached.countDown();
			try {
				if (!this.resume.await(60, TimeUnit.SECONDS)) {
					throw new IOException("the test never resumed the upload");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			return this.rest.read(buffer, offset, length);
		}

	}

}
