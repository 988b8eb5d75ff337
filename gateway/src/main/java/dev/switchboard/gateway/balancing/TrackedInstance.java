package dev.switchboard.gateway.balancing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cloud.client.DefaultServiceInstance;

/**
 * One instance of a service, from a URL in the service's list; whether the load balancer
 * leaves it out, because it refused a connection (or did not accept several in a row in
 * time) and has not accepted the gateway's probe since; and how many connect timeouts in
 * a row it has had since it last accepted a connection or answered a request.
 */
final class TrackedInstance extends DefaultServiceInstance {

	private final AtomicBoolean unreachable = new AtomicBoolean();

	private final AtomicInteger timeoutsInARow = new AtomicInteger();

	TrackedInstance(String serviceId, URI url) {
		super(url.getHost() + ":" + port(url), serviceId, url.getHost(), port(url),
				"https".equalsIgnoreCase(url.getScheme()));
	}

	private static int port(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
	}

	boolean isReachable() {
		return !this.unreachable.get();
	}

	/**
	 * Leave the instance out of the load balancer's choices.
	 * @return whether it was thought reachable until now
	 */
	boolean markUnreachable() {
		return this.unreachable.compareAndSet(false, true);
	}

	/** Note that the instance accepted the probe's connection: it may be chosen again. */
	void markReachable() {
		this.timeoutsInARow.set(0);
		this.unreachable.set(false);
	}

	/**
	 * Note that the instance did not accept a connection within the connect timeout.
	 * @return how many times in a row it has not, this one included
	 */
	int timedOut() {
		return this.timeoutsInARow.incrementAndGet();
	}

	/**
	 * Note that the instance accepted a connection or answered a request: a run of
	 * connect timeouts, if any, is over.
	 */
	void connected() {
		// read first: the usual case writes nothing shared
		if (this.timeoutsInARow.get() != 0) {
			this.timeoutsInARow.set(0);
		}
	}

	int timeoutsInARow() {
		return this.timeoutsInARow.get();
	}

	@Override
	public String toString() {
		return getServiceId() + " at " + getUri();
	}

}
