package dev.switchboard.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away under load and comes back: the services say 503 (never 500, never
 * a hang) while it is gone, resume by themselves, and lose no acknowledged write.
 */
class DatabaseOutageIT extends FaultTest {

	/** The longest any answer may take while the database is gone. */
	private static final Duration ANSWER_LIMIT = Duration.ofSeconds(8);

	/** The modules that keep their data in PostgreSQL. */
	private static final List<String> STATEFUL = List.of("contacts-service", "messaging-service", "fileshare-service");

	@Test
	void shouldAnswer503WhilePostgresIsDownAndKeepEveryAcknowledgedWrite() throws Exception {
		JsonNode sender = Users.create(this.gateway, "writer");
		JsonNode recipient = Users.create(this.gateway, "reader");
		Load load = new Load(this.gateway, sender, recipient);
		load.start();
		try {
			load.awaitOutcomes((outcome) -> outcome.status() == 201, 2, Duration.ofSeconds(60));

			this.suite.database().stop();
			Instant stopped = Instant.now();
			load.awaitOutcomes((outcome) -> outcome.at().isAfter(stopped) && outcome.status() != 201, 2,
					Duration.ofSeconds(60));
			for (ServiceProcess service : stateful()) {
				SuiteHttp health = new SuiteHttp(service.url());
				SuiteHttp.Answer answer = health.get("/actuator/health", Duration.ofSeconds(15));
				assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
				assertThat(answer.json().path("status").asString()).as(answer.toString()).isEqualTo("DOWN");
				assertThat(answer.took()).as(answer.toString()).isLessThan(ANSWER_LIMIT);
			}
			String tcpReply = Tcp.exchange(this.suite.publishedPort(3001),
					"{\"cmd\": \"add\", \"args\": {\"name\": \"Offline\", \"mail\": \"offline-" + UUID.randomUUID()
							+ "@example.org\"}}");
			JsonNode tcp = SuiteHttp.JSON.readTree(tcpReply);
			assertThat(tcp.path("status").asBoolean()).as(tcpReply).isFalse();
			assertThat(tcp.path("msg").asString()).as(tcpReply).contains("unavailable");

			this.suite.database().start();
			Instant restarted = Instant.now();
			load.awaitOutcomes((outcome) -> outcome.at().isAfter(restarted) && outcome.status() == 201, 1,
					Duration.ofSeconds(60));
		}
		finally {
			load.stop();
		}

		List<Outcome> outcomes = load.outcomes();
		System.out.printf("Database outage: %d writes, %d acknowledged, %d refused with 503, slowest %d ms%n",
				outcomes.size(), outcomes.stream().filter((o) -> o.status() == 201).count(),
				outcomes.stream().filter((o) -> o.status() == 503).count(),
				outcomes.stream().mapToLong((o) -> o.took().toMillis()).max().orElse(0));
		assertThat(outcomes).allSatisfy((outcome) -> {
			assertThat(outcome.status()).as(outcome.toString()).isIn(201, 503);
			assertThat(outcome.took()).as(outcome.toString()).isLessThan(ANSWER_LIMIT);
			if (outcome.status() == 503) {
				assertThat(outcome.problem()).as(outcome.toString()).isTrue();
			}
		});
		// read back through the gateway once its breakers, opened by the outage, are
		// closed again
		this.suite.ensureHealthy();
		assertEveryAcknowledgedWriteIsStored(outcomes, recipient);
		for (ServiceProcess service : stateful()) {
			SuiteHttp.Answer health = new SuiteHttp(service.url()).get("/actuator/health");
			assertThat(health.status()).as(health.toString()).isEqualTo(200);
		}
	}

	/** Every replica of every module that keeps its data in PostgreSQL. */
	private List<ServiceProcess> stateful() {
		return STATEFUL.stream().flatMap((module) -> this.suite.replicas(module).stream()).toList();
	}

	private void assertEveryAcknowledgedWriteIsStored(List<Outcome> outcomes, JsonNode recipient) {
		for (Outcome outcome : acknowledged(outcomes, "contact")) {
			SuiteHttp.Answer contact = this.gateway.get("/api/contacts/" + outcome.key());
			assertThat(contact.status()).as(contact.toString()).isEqualTo(200);
		}
		SuiteHttp.Answer inbox = this.gateway.get(
				"/api/users/" + recipient.path("id").asLong() + "/messages?limit=1000", "Authorization",
				SuiteHttp.bearer(recipient.path("token").asString()));
		assertThat(inbox.status()).as(inbox.toString()).isEqualTo(200);
		Set<String> stored = new HashSet<>();
		inbox.json().forEach((message) -> stored.add(message.path("id").asString()));
		assertThat(stored).containsAll(acknowledged(outcomes, "message").stream().map(Outcome::key).toList());
		for (Outcome outcome : acknowledged(outcomes, "share")) {
			SuiteHttp.Answer share = this.gateway.get("/api/shares/" + outcome.key());
			assertThat(share.status()).as(share.toString()).isEqualTo(200);
		}
	}

	private static List<Outcome> acknowledged(List<Outcome> outcomes, String operation) {
		List<Outcome> writes = outcomes.stream()
			.filter((o) -> o.operation().equals(operation) && o.status() == 201)
			.toList();
		assertThat(writes).as("acknowledged %s writes", operation).isNotEmpty();
		return writes;
	}

	/**
	 * One write and how it ended.
	 *
	 * @param operation contact, message or share
	 * @param at when the answer came
	 * @param status the HTTP status, -1 when the request failed without one
	 * @param took how long the answer took
	 * @param problem whether the body was problem JSON
	 * @param key what identifies the stored write (contact id, message id, share token)
	 * @param body the answer
	 */
	record Outcome(String operation, Instant at, int status, Duration took, boolean problem, String key, String body) {

	}

	/**
	 * Bounded write load through the gateway: one thread per kind of write, each a few
	 * writes a second, for at most a few minutes.
	 */
	static final class Load {

		private static final int MAX_WRITES_PER_THREAD = 1500;

		private static final Duration MAX_DURATION = Duration.ofMinutes(4);

		private final SuiteHttp gateway;

		private final JsonNode sender;

		private final JsonNode recipient;

		private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

		private final ScheduledExecutorService writers = Executors.newScheduledThreadPool(3,
				Thread.ofPlatform().name("load-", 0).factory());

		Load(SuiteHttp gateway, JsonNode sender, JsonNode recipient) {
			this.gateway = gateway;
			this.sender = sender;
			this.recipient = recipient;
		}

		void start() {
			Instant end = Instant.now().plus(MAX_DURATION);
			schedule("contact", this::addContact, end);
			schedule("message", this::sendMessage, end);
			schedule("share", this::upload, end);
		}

		void stop() throws InterruptedException {
			this.writers.shutdown();
			this.writers.awaitTermination(30, TimeUnit.SECONDS);
		}

		List<Outcome> outcomes() {
			return List.copyOf(this.outcomes);
		}

		/**
		 * Wait until every kind of write has had at least {@code count} outcomes that
		 * match.
		 */
		void awaitOutcomes(Predicate<Outcome> matching, int count, Duration timeout) {
			try {
				await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
					Map<String, Long> matched = this.outcomes.stream()
						.filter(matching)
						.collect(Collectors.groupingBy(Outcome::operation, Collectors.counting()));
					return matched.size() == 3 && matched.values().stream().allMatch((n) -> n >= count);
				});
			}
			catch (ConditionTimeoutException ex) {
				throw new AssertionError("Not every kind of write saw the expected outcome within " + timeout + ": "
						+ this.outcomes.subList(Math.max(0, this.outcomes.size() - 30), this.outcomes.size()));
			}
		}

		/** One write of a kind 100 ms after the previous one ended, within the bounds. */
		private void schedule(String operation, Supplier<SuiteHttp.Answer> write, Instant end) {
			AtomicInteger writes = new AtomicInteger();
			this.writers.scheduleWithFixedDelay(() -> {
				if (writes.getAndIncrement() < MAX_WRITES_PER_THREAD && Instant.now().isBefore(end)) {
					writeOnce(operation, write);
				}
			}, 0, 100, TimeUnit.MILLISECONDS);
		}

		private void writeOnce(String operation, Supplier<SuiteHttp.Answer> write) {
			Instant start = Instant.now();
			try {
				SuiteHttp.Answer answer = write.get();
				this.outcomes
					.add(new Outcome(operation, Instant.now(), answer.status(), answer.took(), answer.isProblem(),
							(answer.status() == 201) ? key(operation, answer.json()) : null, answer.body()));
			}
			catch (RuntimeException ex) {
				this.outcomes.add(new Outcome(operation, Instant.now(), -1, Duration.between(start, Instant.now()),
						false, null, ex.toString()));
			}
		}

		private static String key(String operation, JsonNode created) {
			return switch (operation) {
				case "share" -> created.path("token").asString();
				default -> created.path("id").asString();
			};
		}

		private SuiteHttp.Answer addContact() {
			String id = UUID.randomUUID().toString();
			return this.gateway.postJson("/api/contacts",
					Map.of("name", "Load " + id.substring(0, 8), "mail", "load-" + id + "@example.org"));
		}

		private SuiteHttp.Answer sendMessage() {
			return this.gateway.postJson("/api/users/" + this.recipient.path("id").asLong() + "/messages",
					Map.of("text", "load " + UUID.randomUUID()), "Authorization",
					SuiteHttp.bearer(this.sender.path("token").asString()));
		}

		private SuiteHttp.Answer upload() {
			return this.gateway.upload(Map.of("load.txt", ("load " + UUID.randomUUID()).getBytes()), Map.of(),
					SuiteHttp.DEFAULT_TIMEOUT);
		}

	}

}
