package dev.switchboard.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.switchboard.gateway.support.Downstream;
import dev.switchboard.gateway.support.GatewayIntegrationTest;
import dev.switchboard.gateway.support.RawHttp;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads stream through the gateway with no time limit as long as they progress: slow
 * ones finish and leave everybody else served; one that stops sending gets 408 once the
 * request-read timeout (2 s here) passes without a byte, and is not the service's fault.
 */
class SlowUploadTests extends GatewayIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String BOUNDARY = "slow-upload-boundary";

	private static final int CHUNKS = 12;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Test
	void shouldFinishSlowUploadsWhileOtherClientsAreServed() throws Exception {
		double failed = breakerCalls("failed");
		byte[] head = partHead();
		byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		long length = head.length + (long) CHUNKS * Downstream.CHUNK + tail.length;
		List<Future<RawHttp.Answer>> uploads = new ArrayList<>();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 8; i++) {
				uploads.add(clients.submit(() -> {
					try (RawHttp http = RawHttp.connect(this.port)) {
						http.send(uploadHead(length)).send(head);
						// 3.6 s in all, never 2 s without a byte
						Flux.interval(Duration.ofMillis(300))
							.take(CHUNKS)
							.doOnNext((chunk) -> http.send(chunk()))
							.blockLast();
						http.send(tail);
						return http.read(Duration.ofSeconds(20));
					}
				}));
			}
			// meanwhile
			for (int i = 0; i < 5; i++) {
				MultipartBodyBuilder parts = new MultipartBodyBuilder();
				parts.part("file", chunk()).filename("quick.bin");
				this.client.post()
					.uri("/api/shares")
					.body(BodyInserters.fromMultipartData(parts.build()))
					.exchange()
					.expectStatus()
					.isCreated();
				this.client.get().uri("/s/big?mib=1").exchange().expectStatus().isOk();
			}
			for (Future<RawHttp.Answer> upload : uploads) {
				RawHttp.Answer answer = upload.get(30, TimeUnit.SECONDS);
				assertThat(answer.status()).as(answer.body()).isEqualTo(201);
				assertThat(json.readTree(answer.body()).path("bytes").asLong()).isEqualTo(length);
			}
		}
		assertThat(this.breakers.circuitBreaker("fileshare-service-uploads").getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breakerCalls("failed")).isEqualTo(failed);
	}

	@Test
	void shouldAnswer408ToAnUploadThatStopsSending() throws IOException {
		double failed = breakerCalls("failed");
		try (RawHttp http = RawHttp.connect(this.port)) {
			byte[] head = partHead();
			http.send(uploadHead(head.length + 10L * Downstream.CHUNK + 64)).send(head).send(chunk());
			long start = System.nanoTime();
			RawHttp.Answer answer = http.read(Duration.ofSeconds(20));
			assertThat(Duration.ofNanos(System.nanoTime() - start))
				.isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100))
				.isLessThan(READ_TIMEOUT.plusSeconds(8));
			assertThat(answer.status()).as(answer.body()).isEqualTo(408);
			assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(answer.header("X-Request-Id")).isEqualTo("stalled-upload");
			assertThat(json.readTree(answer.body()).path("detail").asString()).isNotBlank();
			assertThat(http.closedWithin(Duration.ofSeconds(5))).isTrue();
		}
		this.client.post()
			.uri("/api/shares")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(chunk())
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(breakerCalls("failed")).isEqualTo(failed);
	}

	private static String uploadHead(long length) {
		return "POST /api/shares HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: stalled-upload\r\n"
				+ "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length
				+ "\r\n\r\n";
	}

	private static byte[] partHead() {
		return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.bin\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] chunk() {
		byte[] chunk = new byte[Downstream.CHUNK];
		Arrays.fill(chunk, (byte) 'x');
		return chunk;
	}

	private double breakerCalls(String kind) {
		Timer calls = this.meters.find("resilience4j.circuitbreaker.calls")
			.tag("name", "fileshare-service-uploads")
			.tag("kind", kind)
			.timer();
		return (calls != null) ? calls.count() : 0;
	}

}
