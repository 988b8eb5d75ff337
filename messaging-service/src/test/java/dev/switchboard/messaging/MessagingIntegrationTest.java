package dev.switchboard.messaging;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.test.postgres.WithEmbeddedPostgres;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import dev.switchboard.messaging.chat.RateLimiters;
import dev.switchboard.messaging.system.MessagingProperties;

/**
 * Base of the tests that run the whole service on a random port against a real embedded
 * PostgreSQL. Every subclass shares one application context (same configuration), so the
 * service starts once per test run. The WebSocket limits are lowered to make them quick
 * to reach.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "switchboard.socket.servers.chat.port=0",
		"switchboard.socket.servers.chat.max-unsent-per-connection=64KB",
		"switchboard.messaging.websocket.send-buffer-limit=64KB", "switchboard.messaging.websocket.send-time-limit=2s",
		"switchboard.messaging.websocket.auth-timeout=3s" })
@WithEmbeddedPostgres
@Import(MessagingIntegrationTest.RateClock.class)
public abstract class MessagingIntegrationTest {

	protected static final JsonMapper json = JsonMapper.shared();

	private static final AtomicInteger nicknames = new AtomicInteger();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	protected int port;

	/** The clock of every chat connection's rate limiter. */
	@Autowired
	protected ControllableClock clock;

	@Value("${local.switchboard.socket.chat.port}")
	protected int chatPort;

	/**
	 * Return a nickname no other test uses.
	 * @param prefix the start of the nickname
	 * @return a unique nickname
	 */
	protected static String uniqueNickname(String prefix) {
		return prefix + "_" + nicknames.incrementAndGet();
	}

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	protected URI chatUri() {
		return URI.create("ws://127.0.0.1:" + this.port + "/ws/chat");
	}

	/**
	 * Register a user with a unique nickname.
	 * @param prefix the start of the nickname
	 * @return the registered user, with its token
	 */
	protected Registered register(String prefix) {
		String nickname = uniqueNickname(prefix);
		HttpResponse<String> response = post("/api/users", "{\"nickname\":\"" + nickname + "\"}", null);
		if (response.statusCode() != 201) {
			throw new AssertionError("Registration failed: " + response.statusCode() + " " + response.body());
		}
		JsonNode body = json.readTree(response.body());
		return new Registered(body.get("id").asLong(), body.get("nickname").asString(), body.get("token").asString());
	}

	protected HttpResponse<String> get(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
		return send(authorized(request, token));
	}

	protected HttpResponse<String> post(String path, String body, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return send(authorized(request, token));
	}

	private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Rate limiters on a clock the tests control.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class RateClock {

		@Bean
		ControllableClock controllableClock() {
			return new ControllableClock();
		}

		@Bean
		@Primary
		RateLimiters controllableRateLimiters(MessagingProperties properties, ControllableClock clock) {
			return new RateLimiters(properties.chat(), clock);
		}

	}

	/**
	 * A user registered for a test.
	 *
	 * @param id the id
	 * @param nickname the nickname
	 * @param token the bearer token
	 */
	protected record Registered(long id, String nickname, String token) {

	}

}
