package dev.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.test.redis.RedisServer;
import org.jspecify.annotations.Nullable;

/**
 * The whole suite, started once per test JVM and shared by every end-to-end test: a real
 * PostgreSQL, a real Redis ({@code redis-server}) for compose's {@code redis} service,
 * and every service of {@code docker-compose.yml} (each replica too) as its own process,
 * with the environment compose gives it, hosts rewritten to 127.0.0.1 and free ports
 * instead of the published ones (so a suite already running on 8080 does not disturb the
 * test).
 */
final class Suite {

	/** Raw TCP/UDP ports compose publishes, and the property that moves each. */
	private static final Map<Integer, String> SOCKET_PORTS = Map.of(3000, "SWITCHBOARD_SOCKET_SERVERS_ECHO_PORT", 3007,
			"SWITCHBOARD_SOCKET_SERVERS_RFC862_PORT", 3001, "SWITCHBOARD_SOCKET_SERVERS_CONTACTS_PORT", 3002,
			"SWITCHBOARD_SOCKET_SERVERS_CHAT_PORT");

	static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

	/** Where the suite's listening ports are taken from: below the ephemeral range. */
	private static final int LISTEN_PORTS_FROM = 20000;

	private static final int LISTEN_PORTS_TO = 32000;

	private static final Random RANDOM = new Random();

	/** The ports handed out, never twice. */
	private static final Set<Integer> TAKEN = new HashSet<>();

	private static final Duration BREAKERS_TIMEOUT = Duration.ofSeconds(60);

	/** The state a breaker is in, from the gateway's Prometheus page. */
	private static final Pattern BREAKER_STATE = Pattern
		.compile("resilience4j_circuitbreaker_state\\{[^}]*name=\"([^\"]+)\"[^}]*state=\"([a-z_]+)\"[^}]*} 1\\.0");

	/**
	 * A harmless call through each breaker's route, whatever its answer (never a 5xx of
	 * its own).
	 */
	private static final Map<String, Function<SuiteHttp, HttpRequest>> BREAKER_PROBES = Map.of("random-service",
			(http) -> http.request("/api/random/int", Duration.ofSeconds(10)).GET().build(), "contacts-service",
			(http) -> http.request("/api/contacts?size=1", Duration.ofSeconds(10)).GET().build(), "messaging-service",
			(http) -> http.request("/api/users", Duration.ofSeconds(10)).GET().build(), "messaging-service-websocket",
			(http) -> http.request("/ws/chat", Duration.ofSeconds(10)).GET().build(), "fileshare-service",
			(http) -> http.request("/api/shares/probe", Duration.ofSeconds(10)).GET().build(),
			"fileshare-service-uploads",
			(http) -> http.request("/api/shares", Duration.ofSeconds(10)).POST(BodyPublishers.noBody()).build(),
			"fileshare-service-downloads", (http) -> http.request("/s/probe", Duration.ofSeconds(10)).GET().build());

	/** The compose service Redis runs as. */
	static final String REDIS = "redis";

	private static Suite shared;

	private final Path root;

	private final ComposeFile compose;

	private final SuiteDatabase database;

	private @Nullable RedisServer redis;

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private final Map<Integer, Integer> publishedPorts = new LinkedHashMap<>();

	private Suite(Path root) {
		this.root = root;
		this.compose = ComposeFile.read(root.resolve("docker-compose.yml"));
		this.database = new SuiteDatabase(this.compose, root, workDirectory().resolve("postgres"));
	}

	static synchronized Suite shared() {
		if (shared == null) {
			Suite suite = new Suite(root());
			Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "suite-stop"));
			suite.start();
			shared = suite;
		}
		return shared;
	}

	static Path root() {
		return Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
	}

	ComposeFile compose() {
		return this.compose;
	}

	SuiteDatabase database() {
		return this.database;
	}

	/**
	 * Return the Redis the suite runs for compose's {@code redis} service.
	 * @return the running (or stopped, by a fault test) server
	 */
	RedisServer redis() {
		if (this.redis == null) {
			throw new IllegalStateException("docker-compose.yml has no " + REDIS + " service");
		}
		return this.redis;
	}

	/**
	 * Return the replicas of a module, in compose's order.
	 * @param module the module, e.g. {@code messaging-service}
	 * @return its running services
	 */
	List<ServiceProcess> replicas(String module) {
		return this.compose.replicas(module).stream().map(this::service).toList();
	}

	ServiceProcess service(String name) {
		ServiceProcess service = this.services.get(name);
		if (service == null) {
			throw new IllegalArgumentException("No service " + name + " in docker-compose.yml");
		}
		return service;
	}

	Iterable<ServiceProcess> services() {
		return this.services.values();
	}

	String gatewayUrl() {
		return service("gateway").url();
	}

	/** Return an HTTP client of the gateway, the way users reach the suite. */
	SuiteHttp gateway() {
		return new SuiteHttp(gatewayUrl());
	}

	/**
	 * Bring back whatever a fault test broke: PostgreSQL if stopped, and every service
	 * that is not running, then wait until each is ready again.
	 */
	synchronized void ensureHealthy() {
		if (!this.database.isRunning()) {
			this.database.start();
		}
		if (this.redis != null && !this.redis.isRunning()) {
			this.redis.restart();
		}
		for (ServiceProcess service : this.services.values()) {
			if (!service.isAlive()) {
				service.start();
			}
		}
		this.services.values().forEach((service) -> service.awaitReady(STARTUP_TIMEOUT));
		awaitBreakersClosed(BREAKERS_TIMEOUT);
	}

	/**
	 * Wait until every circuit breaker of the gateway is closed again: a fault test
	 * leaves the breakers of the services it broke open, and an open breaker lets a call
	 * through (half-open) only when one comes, so each is called through its route until
	 * it closes.
	 */
	private void awaitBreakersClosed(Duration timeout) {
		SuiteHttp management = new SuiteHttp(
				"http://127.0.0.1:" + service("gateway").environment().get("GATEWAY_MANAGEMENT_PORT"));
		SuiteHttp gateway = gateway();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Map<String, String> notClosed = new LinkedHashMap<>();
			Matcher state = BREAKER_STATE.matcher(management.get("/actuator/prometheus").body());
			while (state.find()) {
				if (!state.group(2).equals("closed")) {
					notClosed.put(state.group(1), state.group(2));
				}
			}
			if (notClosed.isEmpty()) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The gateway's circuit breakers stay open after " + timeout + ": "
						+ notClosed + " (a service the gateway cannot reach?)");
			}
			for (String breaker : notClosed.keySet()) {
				gateway.send(BREAKER_PROBES.get(breaker).apply(gateway));
			}
			sleep(Duration.ofMillis(500));
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the port the test uses in place of a port compose publishes.
	 * @param published the published (host) port, e.g. 3001, or 3003 for the second
	 * messaging replica's chat
	 * @return the port on 127.0.0.1
	 */
	int publishedPort(int published) {
		Integer port = this.publishedPorts.get(published);
		if (port == null) {
			throw new IllegalArgumentException("docker-compose.yml publishes no raw port " + published);
		}
		return port;
	}

	private void start() {
		this.database.start();
		if (this.compose.image(REDIS) != null) {
			this.redis = RedisServer.start(freePort());
		}
		Map<String, String> modules = this.compose.builtServices();
		Map<String, Integer> httpPorts = new LinkedHashMap<>();
		modules.keySet().forEach((name) -> httpPorts.put(name, freePort()));
		modules.forEach((name, module) -> {
			Map<String, String> environment = environment(name, httpPorts);
			Path jar = this.root.resolve(module).resolve("target").resolve(module + ".jar");
			this.services.put(name,
					new ServiceProcess(name, jar, environment, httpPorts.get(name), workDirectory().resolve("logs")));
		});
		this.services.values().forEach(ServiceProcess::start);
		this.services.values().forEach((service) -> service.awaitReady(STARTUP_TIMEOUT));
	}

	private Map<String, String> environment(String name, Map<String, Integer> httpPorts) {
		Map<String, String> environment = new LinkedHashMap<>();
		this.compose.environment(name).forEach((key, value) -> environment.put(key, rewrite(value, httpPorts)));
		environment.put("SERVER_PORT", Integer.toString(httpPorts.get(name)));
		if (name.equals("gateway")) {
			// its actuator port, which compose does not publish: a free one, as for
			// SERVER_PORT
			environment.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(freePort()));
		}
		for (String mapping : this.compose.publishedPorts(name)) {
			String[] ports = mapping.replaceAll("/.*", "").split(":");
			int published = Integer.parseInt(ports[ports.length - 2]);
			String variable = SOCKET_PORTS.get(Integer.parseInt(ports[ports.length - 1]));
			if (variable == null) {
				continue;
			}
			// keyed by the published port: two replicas listen on the same container port
			int port = this.publishedPorts.computeIfAbsent(published, (unused) -> freePort());
			environment.put(variable, Integer.toString(port));
		}
		mapVolumes(name, environment);
		return environment;
	}

	/**
	 * Point {@code host:port} of other compose services (and PostgreSQL and Redis) at
	 * 127.0.0.1.
	 */
	private String rewrite(String value, Map<String, Integer> httpPorts) {
		Pattern reference = Pattern.compile("\\b([a-z][a-z0-9-]*):(\\d+)\\b");
		Matcher matcher = reference.matcher(value);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String host = matcher.group(1);
			String replacement = matcher.group();
			if (host.equals(SuiteDatabase.SERVICE)) {
				replacement = "127.0.0.1:" + this.database.port();
			}
			else if (host.equals(REDIS) && this.redis != null) {
				replacement = "127.0.0.1:" + this.redis.port();
			}
			else if (httpPorts.containsKey(host)
					&& Integer.parseInt(matcher.group(2)) == this.compose.exposedPort(host)) {
				replacement = "127.0.0.1:" + httpPorts.get(host);
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * Replace container paths in the environment by the host directories compose mounts
	 * there: the repository's directory for a bind mount, a fresh directory for a volume.
	 */
	private void mapVolumes(String name, Map<String, String> environment) {
		for (String volume : this.compose.volumes(name)) {
			String[] parts = volume.split(":");
			Path source = parts[0].startsWith(".") ? this.root.resolve(parts[0]).normalize()
					: workDirectory().resolve("volumes").resolve(parts[0]);
			createDirectories(source);
			environment.replaceAll(
					(key, value) -> value.startsWith(parts[1]) ? source + value.substring(parts[1].length()) : value);
		}
	}

	void stop() {
		this.services.values().forEach((service) -> service.stop(Duration.ofSeconds(30)));
		this.database.stop();
		if (this.redis != null) {
			this.redis.close();
		}
	}

	private Path workDirectory() {
		Path directory = this.root.resolve("e2e-tests").resolve("target").resolve("suite");
		createDirectories(directory);
		return directory;
	}

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return a port nothing listens on, below the kernel's ephemeral range (32768 and
	 * up): a port of that range may be taken as the local port of some outgoing
	 * connection while its service is down (a replica killed and started again on its
	 * port).
	 * @return the port
	 */
	static synchronized int freePort() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int candidate = LISTEN_PORTS_FROM + RANDOM.nextInt(LISTEN_PORTS_TO - LISTEN_PORTS_FROM);
			if (TAKEN.contains(candidate)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket()) {
				socket.setReuseAddress(false);
				socket.bind(new InetSocketAddress("0.0.0.0", candidate));
				TAKEN.add(candidate);
				return candidate;
			}
			catch (IOException ex) {
				// taken: another one
			}
		}
		throw new IllegalStateException("No free port between " + LISTEN_PORTS_FROM + " and " + LISTEN_PORTS_TO);
	}

}
