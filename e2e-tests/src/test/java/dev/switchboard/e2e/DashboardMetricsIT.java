package dev.switchboard.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the Grafana dashboard of the observability profile queries
 * ({@code deploy/observability/grafana/dashboards/switchboard.json}) is one the suite
 * exposes on {@code /actuator/prometheus}, once each service has done a little work (some
 * meters appear on first use): a renamed metric would otherwise leave a panel silently
 * blank.
 */
class DashboardMetricsIT {

	private static final Path DASHBOARD = Suite.root()
		.resolve("deploy/observability/grafana/dashboards/switchboard.json");

	// PromQL's functions, aggregations and keywords: every other identifier outside label
	// matchers, grouping clauses and strings is a metric name
	private static final Set<String> PROMQL = Set.of("sum", "min", "max", "avg", "count", "rate", "irate", "increase",
			"histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
			"offset", "clamp_min", "clamp_max", "abs", "topk", "bottomk", "delta", "deriv", "time", "vector", "scalar",
			"label_replace", "max_over_time", "avg_over_time", "bool");

	private static Suite suite;

	@BeforeAll
	static void startSuite() {
		suite = Suite.shared();
		suite.ensureHealthy();
	}

	@Test
	void shouldQueryOnlyMetricsTheSuiteExposes() throws Exception {
		exerciseEveryService();
		Set<String> queried = queriedMetrics();
		assertThat(queried).as("metrics of the dashboard")
			.contains("spring_cloud_gateway_requests_seconds_bucket", "hikaricp_connections_active",
					"switchboard_socket_refusals_total");
		Set<String> exposed = exposedMetrics();
		Set<String> missing = new TreeSet<>(queried);
		missing.removeAll(exposed);
		assertThat(missing).as("dashboard metrics no service exposes").isEmpty();
	}

	@Test
	void shouldFindTheMetricNamesOfAQuery() {
		assertThat(metricNames(
				"histogram_quantile(0.99, sum by (routeId, le) (rate(spring_cloud_gateway_requests_seconds_bucket{status=~\"5..\"}[5m])))"))
			.containsExactly("spring_cloud_gateway_requests_seconds_bucket");
		assertThat(metricNames("sum(rate(a_total[1m])) / sum(b_count offset 5m)")).containsExactly("a_total",
				"b_count");
	}

	/** Work that makes the lazily registered meters appear: a request on every route. */
	private static void exerciseEveryService() throws IOException {
		SuiteHttp gateway = suite.gateway();
		assertThat(gateway.get("/api/random/int").status()).isEqualTo(200);
		assertThat(gateway.get("/api/contacts").status()).isEqualTo(200);
		JsonNode alice = Users.create(gateway, "dash");
		String room = "dashboard-" + UUID.randomUUID().toString().substring(0, 8);
		try (ChatSocket chat = ChatSocket.open(gateway.base())) {
			chat.signIn(alice.path("token").asString());
			chat.join(room);
			chat.send(Map.of("type", "say", "room", room, "text", "metrics", "ref", "m1"));
			chat.await((frame) -> ChatSocket.type(frame, "message"), Duration.ofSeconds(15));
		}
		SuiteHttp.Answer share = gateway.upload(Map.of("metrics.txt", "dashboard".getBytes(StandardCharsets.UTF_8)),
				Map.of(), Duration.ofSeconds(30));
		assertThat(share.status()).as(share.toString()).isEqualTo(201);
		String url = share.json().path("url").asString();
		assertThat(gateway.get(java.net.URI.create(url).getRawPath()).status()).isEqualTo(200);
		assertThat(Tcp.exchange(suite.publishedPort(3000), "metrics")).endsWith("metrics");
	}

	private static Set<String> queriedMetrics() throws IOException {
		JsonNode dashboard = SuiteHttp.JSON.readTree(Files.readString(DASHBOARD));
		Set<String> metrics = new TreeSet<>();
		for (JsonNode expr : dashboard.findValues("expr")) {
			metrics.addAll(metricNames(expr.asString()));
		}
		return metrics;
	}

	static Set<String> metricNames(String query) {
		String bare = query.replaceAll("\"[^\"]*\"", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^\\]]*]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
			.replaceAll("\\boffset\\s+\\w+", " ");
		Set<String> names = new java.util.LinkedHashSet<>();
		Matcher identifier = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)").matcher(bare);
		while (identifier.find()) {
			String name = identifier.group(1);
			if (!PROMQL.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * The names of every sample the services and the gateway's management port expose:
	 * histograms and summaries as their samples ({@code _bucket}, {@code _count},
	 * {@code _sum}, {@code _max}), counters with {@code _total}.
	 */
	private static Set<String> exposedMetrics() {
		Set<String> names = new TreeSet<>();
		for (ServiceProcess service : suite.services()) {
			String base = service.name().equals("gateway")
					? "http://127.0.0.1:" + service.environment().get("GATEWAY_MANAGEMENT_PORT") : service.url();
			String body = new SuiteHttp(base).get("/actuator/prometheus").body();
			for (String line : body.split("\n")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					names.add(line.split("[{ ]", 2)[0]);
				}
			}
		}
		return names;
	}

}
