package dev.switchboard.gateway.balancing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances of one service that the load balancer may choose for a request: those not
 * known to refuse connections, less those the request has already tried. When every
 * instance is known to refuse connections, a request's first attempt may still go to any
 * of them: one may be back before its probe notices, and otherwise the client gets the
 * service's refusal, 503, at once.
 */
final class ReachableInstances implements ServiceInstanceListSupplier {

	private final String serviceId;

	private final List<TrackedInstance> instances;

	private final Flux<List<ServiceInstance>> everyInstance;

	private volatile @Nullable Counter failovers;

	ReachableInstances(String serviceId, List<TrackedInstance> instances) {
		this.serviceId = serviceId;
		this.instances = List.copyOf(instances);
		this.everyInstance = Flux.just(List.copyOf(instances));
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
	 * @return whether an instance not known to refuse connections is left
	 */
	boolean hasUntried(Collection<?> tried) {
		for (TrackedInstance instance : this.instances) {
			if (instance.isReachable() && !tried.contains(instance)) {
				return true;
			}
		}
		return false;
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

	void countFailoversIn(Counter counter) {
		this.failovers = counter;
	}

	void failedOver() {
		Counter counter = this.failovers;
		if (counter != null) {
			counter.increment();
		}
	}

}
