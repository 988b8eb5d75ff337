package dev.switchboard.e2e;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * Reads a service's {@code /actuator/prometheus} to see what it is doing, e.g. that a
 * request has reached it.
 */
final class Prometheus {

	private Prometheus() {
	}

	/**
	 * Wait until the sum of a metric's samples whose labels contain a text reaches a
	 * value.
	 * @param service the service
	 * @param metric the Prometheus name, e.g.
	 * {@code http_server_requests_active_seconds_active_count}
	 * @param label a text the labels must contain, e.g. {@code method="POST"}
	 * @param minimum the value to reach
	 * @param timeout the longest wait
	 */
	static void awaitAtLeast(ServiceProcess service, String metric, String label, double minimum, Duration timeout) {
		SuiteHttp http = new SuiteHttp(service.url());
		AtomicReference<String> last = new AtomicReference<>("");
		try {
			await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
				last.set(http.get("/actuator/prometheus", Duration.ofSeconds(5)).body());
				return sum(last.get(), metric, label) >= minimum;
			});
		}
		catch (ConditionTimeoutException ex) {
			StringBuilder samples = new StringBuilder();
			for (String line : last.get().split("\n")) {
				if (line.startsWith(metric)) {
					samples.append(line).append('\n');
				}
			}
			throw new AssertionError(service.name() + ": " + metric + " with " + label + " did not reach " + minimum
					+ " within " + timeout + "; samples:\n" + samples);
		}
	}

	private static double sum(String samples, String metric, String label) {
		double sum = 0;
		for (String line : samples.split("\n")) {
			if (line.startsWith(metric + "{") && line.contains(label)) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

}
