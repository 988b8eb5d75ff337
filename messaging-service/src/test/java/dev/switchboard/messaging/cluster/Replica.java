package dev.switchboard.messaging.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.switchboard.test.postgres.EmbeddedPostgresServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.switchboard.messaging.MessagingApplication;

/**
 * One replica of the messaging-service started in the test JVM: its own application
 * context, web port and TCP chat port, sharing a database and a Redis with the others.
 */
final class Replica implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String id;

	private final ConfigurableApplicationContext context;

	private Replica(String id, ConfigurableApplicationContext context) {
		this.id = id;
		this.context = context;
	}

	/**
	 * Start a replica.
	 * @param id its replica id
	 * @param database the JDBC URL of the shared database
	 * @param redisUrl the shared Redis
	 * @return the running replica
	 */
	static Replica start(String id, String database, String redisUrl) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("switchboard.socket.servers.chat.port", "0");
		properties.put("spring.datasource.url", database);
		properties.put("spring.datasource.username", EmbeddedPostgresServer.USERNAME);
		properties.put("spring.datasource.password", "");
		properties.put("spring.datasource.driver-class-name", "org.postgresql.Driver");
		properties.put("spring.data.redis.url", redisUrl);
		properties.put("spring.data.redis.timeout", "2s");
		properties.put("spring.data.redis.connect-timeout", "1s");
		properties.put("switchboard.messaging.replica-id", id);
		properties.put("switchboard.messaging.redis.heartbeat-interval", "500ms");
		properties.put("switchboard.messaging.redis.presence-ttl", "3s");
		properties.put("spring.jmx.enabled", "false");
		// as arguments: they take precedence over application.yml
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MessagingApplication.class)
			.run(arguments);
		return new Replica(id, context);
	}

	String id() {
		return this.id;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	int chatPort() {
		return Integer
			.parseInt(this.context.getEnvironment().getRequiredProperty("local.switchboard.socket.chat.port"));
	}

	URI chatUri() {
		return URI.create("ws://127.0.0.1:" + port() + "/ws/chat");
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	HttpResponse<String> post(String path, String body, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port() + path);
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

	@Override
	public void close() {
		this.context.close();
	}

}
