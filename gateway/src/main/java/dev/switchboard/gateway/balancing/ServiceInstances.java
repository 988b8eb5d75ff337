package dev.switchboard.gateway.balancing;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.switchboard.gateway.system.SwitchboardGatewayProperties;

import org.springframework.stereotype.Component;

/**
 * The instances of every service, from {@code switchboard.gateway.services} (the
 * {@code *_SERVICE_URL} variables): one URL each, or several for replicas. Also counts,
 * per service, the requests sent on to another instance ({@value #FAILOVERS}), the
 * connections its instances did not accept ({@value #CONNECT_FAILURES}) and the times one
 * was left out of the load balancer's choices ({@value #EJECTIONS}), both by
 * {@code reason} ({@code refused}, {@code timeout}, {@code no-route},
 * {@code unresolved}), and shows how many instances the load balancer may choose
 * ({@value #REACHABLE}).
 */
@Component
public class ServiceInstances implements MeterBinder {

	static final String FAILOVERS = "switchboard.gateway.instance.failovers";

	static final String CONNECT_FAILURES = "switchboard.gateway.instance.connect.failures";

	static final String EJECTIONS = "switchboard.gateway.instance.ejections";

	static final String REACHABLE = "switchboard.gateway.instances.reachable";

	private final Map<String, ReachableInstances> services = new LinkedHashMap<>();

	ServiceInstances(SwitchboardGatewayProperties properties) {
		int ejectAfterTimeouts = properties.instanceEjectAfterTimeouts();
		if (ejectAfterTimeouts < 1) {
			throw new IllegalArgumentException(
					"switchboard.gateway.instance-eject-after-timeouts must be 1 or more, not " + ejectAfterTimeouts);
		}
		properties.services()
			.forEach((service, urls) -> this.services.put(service, instances(service, urls, ejectAfterTimeouts)));
	}

	private static ReachableInstances instances(String service, List<URI> urls, int ejectAfterTimeouts) {
		if (urls.isEmpty()) {
			throw new IllegalArgumentException("switchboard.gateway.services." + service + " lists no URL");
		}
		List<TrackedInstance> instances = new ArrayList<>(urls.size());
		for (URI url : urls) {
			boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
			if (!http || url.getHost() == null) {
				throw new IllegalArgumentException("switchboard.gateway.services." + service + ": '" + url
						+ "' is not an http:// or https:// URL with a host name");
			}
			instances.add(new TrackedInstance(service, url));
		}
		return new ReachableInstances(service, instances, ejectAfterTimeouts);
	}

	/**
	 * The instances of a service.
	 * @param service the service's name
	 * @return its instances, or {@code null} when no URL was given for it
	 */
	@Nullable ReachableInstances of(String service) {
		return this.services.get(service);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.services.forEach((service, instances) -> {
			Gauge.builder(REACHABLE, instances, ReachableInstances::reachable)
				.description("Instances of the service the load balancer may choose: not left out after "
						+ "refusing a connection or timing out repeatedly")
				.tag("service", service)
				.register(registry);
			Counter failovers = Counter.builder(FAILOVERS)
				.description("Requests sent on to another instance of their service after the one chosen "
						+ "did not accept the connection (or, for a request that can be replayed, closed it "
						+ "unanswered)")
				.tag("service", service)
				.register(registry);
			Map<ConnectFailure, Counter> connectFailures = new EnumMap<>(ConnectFailure.class);
			Map<ConnectFailure, Counter> ejections = new EnumMap<>(ConnectFailure.class);
			for (ConnectFailure failure : ConnectFailure.values()) {
				connectFailures.put(failure,
						Counter.builder(CONNECT_FAILURES)
							.description("Connections to an instance of the service that it did not accept, by reason")
							.tag("service", service)
							.tag("reason", failure.tag())
							.register(registry));
				ejections.put(failure,
						Counter.builder(EJECTIONS)
							.description("Times an instance of the service was left out of the load balancer's choices "
									+ "until it accepts a connection again, by reason: at once for a refusal, after "
									+ "several connect timeouts in a row for a timeout (never the last one left in)")
							.tag("service", service)
							.tag("reason", failure.tag())
							.register(registry));
			}
			instances.countIn(failovers, connectFailures, ejections);
		});
	}

}
