package dev.switchboard.gateway.balancing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances of one service that the load balancer may choose for a request: those not
 * left out, less those the request has already tried. When every instance is left out, a
 * request's first attempt may still go to any of them: one may be back before its probe
 * notices, and otherwise the client gets the service's refusal, 503, at once.
 * <p>
 * An instance is left out ({@link #notConnected}) as soon as it refuses a connection (or
 * its host has no route or does not resolve), but only after
 * {@code switchboard.gateway.instance-eject-after-timeouts} connect timeouts in a row,
 * and never for timeouts while it is the last instance of its service left in: an
 * instance too busy to accept connections at once under a burst is slow, not gone, and
 * with nowhere else to go leaving it out would only turn slowness into errors.
 */
final class ReachableInstances implements ServiceInstanceListSupplier {

	private static final Log logger = LogFactory.getLog(ReachableInstances.class);

	private final String serviceId;

	private final List<TrackedInstance> instances;

	private final int ejectAfterTimeouts;

	private final Flux<List<ServiceInstance>> everyInstance;

	// held to leave an instance out, so that timeouts never leave out the last one
	private final Object leavingOut = new Object();

	private volatile @Nullable Meters meters;

	/**
	 * The instances of a service.
	 * @param serviceId the service's name
	 * @param instances its instances
	 * @param ejectAfterTimeouts how many connect timeouts in a row leave an instance out
	 * (when another one is left in), 1 or more
	 */
	ReachableInstances(String serviceId, List<TrackedInstance> instances, int ejectAfterTimeouts) {
		this.serviceId = serviceId;
		this.instances = List.copyOf(instances);
		this.ejectAfterTimeouts = ejectAfterTimeouts;
		this.everyInstance = Flux.just(List.copyOf(instances));
	}

	/**
	 * A service given no URL: the load balancer finds no instance, and the client gets
	 * 503.
	 * @param serviceId the service's name
	 * @return no instance of it
	 */
	static ReachableInstances none(String serviceId) {
		return new ReachableInstances(serviceId, List.of(), 1);
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return choices(null);
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		return choices(InstanceFailover.tried(request));
	}

	private Flux<List<ServiceInstance>> choices(@Nullable Collection<?> tried) {
		if (tried == null && allReachable()) {
			// the usual case, with nothing to allocate
			return this.everyInstance;
		}
		List<ServiceInstance> choices = new ArrayList<>(this.instances.size());
		for (TrackedInstance instance : this.instances) {
			if (instance.isReachable() && (tried == null || !tried.contains(instance))) {
				choices.add(instance);
			}
		}
		return (choices.isEmpty() && tried == null) ? this.everyInstance : Flux.just(choices);
	}

	private boolean allReachable() {
		for (TrackedInstance instance : this.instances) {
			if (!instance.isReachable()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a request that has tried these instances has another one to try.
	 * @param tried the instances tried
	 * @return whether an instance not left out is left
	 */
	boolean hasUntried(Collection<?> tried) {
		for (TrackedInstance instance : this.instances) {
			if (instance.isReachable() && !tried.contains(instance)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Note that an instance of this service did not accept a connection, and leave it out
	 * of the load balancer's choices if that is what the failure calls for: at once when
	 * it refused (or has no route, or does not resolve); after {@code ejectAfterTimeouts}
	 * timeouts in a row, with no accepted connection or answer between them, when it
	 * timed out, unless it is the last instance left in.
	 * @param instance the instance
	 * @param failure how the connection failed
	 * @return whether this call left the instance out: its probe is to start
	 */
	boolean notConnected(TrackedInstance instance, ConnectFailure failure) {
		Meters counters = this.meters;
		if (counters != null) {
			counters.connectFailures.get(failure).increment();
		}
		boolean ejected;
		if (failure == ConnectFailure.TIMEOUT) {
			int inARow = instance.timedOut();
			if (inARow < this.ejectAfterTimeouts) {
				return false;
			}
			synchronized (this.leavingOut) {
				if (instance.isReachable() && reachable() == 1) {
					if (inARow == this.ejectAfterTimeouts) {
						logger.warn(instance + " did not accept " + inARow + " connections in a row in time; "
								+ "it is the last instance of its service the gateway may choose, so requests "
								+ "keep going to it");
					}
					return false;
				}
				ejected = instance.markUnreachable();
			}
		}
		else {
			synchronized (this.leavingOut) {
				ejected = instance.markUnreachable();
			}
		}
		if (ejected && counters != null) {
			counters.ejections.get(failure).increment();
		}
		return ejected;
	}

	List<TrackedInstance> instances() {
		return this.instances;
	}

	int reachable() {
		int reachable = 0;
		for (TrackedInstance instance : this.instances) {
			reachable += instance.isReachable() ? 1 : 0;
		}
		return reachable;
	}

	int ejectAfterTimeouts() {
		return this.ejectAfterTimeouts;
	}

	/**
	 * Count this service's events in these counters.
	 * @param failovers requests sent on to another instance
	 * @param connectFailures connections its instances did not accept, by reason
	 * @param ejections instances left out, by reason
	 */
	void countIn(Counter failovers, Map<ConnectFailure, Counter> connectFailures,
			Map<ConnectFailure, Counter> ejections) {
		this.meters = new Meters(failovers, new EnumMap<>(connectFailures), new EnumMap<>(ejections));
	}

	void failedOver() {
		Meters counters = this.meters;
		if (counters != null) {
			counters.failovers.increment();
		}
	}

	private record Meters(Counter failovers, Map<ConnectFailure, Counter> connectFailures,
			Map<ConnectFailure, Counter> ejections) {

	}

}
