package dev.switchboard.gateway.balancing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.cloud.client.DefaultServiceInstance;

/**
 * One instance of a service, from a URL in the service's list, and whether it is known to
 * refuse connections: it did with the gateway's last attempt, and has not accepted the
 * gateway's probe since.
 */
final class TrackedInstance extends DefaultServiceInstance {

	private final AtomicBoolean unreachable = new AtomicBoolean();

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
	 * Note that the instance refused a connection.
	 * @return whether it was thought reachable until now
	 */
	boolean markUnreachable() {
		return this.unreachable.compareAndSet(false, true);
	}

	void markReachable() {
		this.unreachable.set(false);
	}

	@Override
	public String toString() {
		return getServiceId() + " at " + getUri();
	}

}
