package dev.switchboard.gateway;

import java.time.Duration;
import java.util.Arrays;

import dev.switchboard.gateway.support.Downstream;
import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each route on its own: a dead service answers 503 fast, a slow one 504 after its
 * route's timeout (1 s in these tests), streaming transfers are never cut, and the other
 * routes keep working.
 */
class ResilienceTests extends GatewayIntegrationTest {

	@Test
	void shouldAnswer503WithinTwoSecondsWhenAServiceIsDownWhileOtherRoutesWork() {
		// a gateway that has served before: its first request ever also pays for warming
		// up
		this.client.get().uri("/api/contacts").exchange().expectStatus().isOk();
		contacts.stop();
		try {
			long start = System.nanoTime();
			this.client.get()
				.uri("/api/contacts/1")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.exists("Retry-After")
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(503)
				.jsonPath("$.title")
				.isEqualTo("Service Unavailable")
				.jsonPath("$.detail")
				.isEqualTo("contacts-service is unavailable: connection refused.")
				.jsonPath("$.service")
				.isEqualTo("contacts-service")
				.jsonPath("$.instance")
				.isEqualTo("/api/contacts/1");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			this.client.get().uri("/api/random/int").exchange().expectStatus().isOk();
		}
		finally {
			contacts.restart();
		}
		awaitContactsBack();
	}

	@Test
	void shouldOpenTheCircuitOfADeadServiceThenCloseItWhenTheServiceIsBack() {
		contacts.stop();
		try {
			for (int i = 0; i < 10; i++) {
				this.client.get()
					.uri("/api/contacts")
					.exchange()
					.expectStatus()
					.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			}
			this.client.get()
				.uri("/api/contacts")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo(
						"contacts-service is unavailable: it failed repeatedly, so the gateway stops calling it for a few seconds.");
			this.client.get().uri("/api/users").exchange().expectStatus().isOk();
		}
		finally {
			contacts.restart();
		}
		awaitContactsBack();
	}

	@Test
	void shouldAnswer504WhenAServiceIsSlowerThanItsRouteTimeout() {
		long start = System.nanoTime();
		this.client.get()
			.uri("/api/random/slow")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("random-service did not answer in time.");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
				Duration.ofMillis(2900));
	}

	@Test
	void shouldAnswer502WhenAServiceHangsUpWithoutAnswering() {
		this.client.get()
			.uri("/api/random/hang-up")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("random-service closed the connection before answering.");
	}

	@Test
	void shouldAnswer504WhenADownloadDoesNotStartInTime() {
		this.client.get()
			.uri("/s/late")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("fileshare-service did not answer in time.");
	}

	@Test
	void shouldNotCutADownloadThatLastsLongerThanTheTimeout() {
		long start = System.nanoTime();
		byte[] body = this.client.get()
			.uri("/s/trickle")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(body).hasSize(10 * Downstream.CHUNK);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
	}

	@Test
	void shouldNotCutAnUploadThatLastsLongerThanTheTimeout() {
		byte[] chunk = new byte[Downstream.CHUNK];
		Arrays.fill(chunk, (byte) 'x');
		Flux<DataBuffer> slowBody = Flux.interval(Duration.ofMillis(250))
			.take(10)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone()));
		this.client.post()
			.uri("/api/shares")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(slowBody, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.bytes")
			.isEqualTo(10 * Downstream.CHUNK);
	}

	@Test
	void shouldStreamALargeDownload() {
		Long received = this.client.get()
			.uri("/s/big?mib=64")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentLength(64L * 1024 * 1024)
			.returnResult(DataBuffer.class)
			.getResponseBody()
			.map((buffer) -> {
				long size = buffer.readableByteCount();
				DataBufferUtils.release(buffer);
				return size;
			})
			.reduce(0L, Long::sum)
			.block(Duration.ofSeconds(30));
		assertThat(received).isEqualTo(64L * 1024 * 1024);
	}

	private void awaitContactsBack() {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> this.client.get().uri("/api/contacts").exchange().expectStatus().isOk());
	}

}
