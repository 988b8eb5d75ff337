package dev.switchboard.gateway.balancing;

import java.net.URI;
import java.util.ArrayList;
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
 * per service, the requests sent on to another instance ({@value #FAILOVERS}) and shows
 * how many instances are thought reachable ({@value #REACHABLE}).
 */
@Component
public class ServiceInstances implements MeterBinder {

	static final String FAILOVERS = "switchboard.gateway.instance.failovers";

	static final String REACHABLE = "switchboard.gateway.instances.reachable";

	private final Map<String, ReachableInstances> services = new LinkedHashMap<>();

	ServiceInstances(SwitchboardGatewayProperties properties) {
		properties.services().forEach((service, urls) -> this.services.put(service, instances(service, urls)));
	}

	private static ReachableInstances instances(String service, List<URI> urls) {
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
		return new ReachableInstances(service, instances);
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
				.description("Instances of the service not known to refuse connections")
				.tag("service", service)
				.register(registry);
			instances.countFailoversIn(Counter.builder(FAILOVERS)
				.description("Requests sent on to another instance of their service after the one chosen "
						+ "refused the connection (or, for a request that can be replayed, closed it unanswered)")
				.tag("service", service)
				.register(registry));
		});
	}

}
