package dev.switchboard.gateway.balancing;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import io.netty.channel.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Why the gateway could not connect to an instance: nothing of the request was sent, so
 * it may go to another instance whatever its method. The load balancer treats a timeout
 * apart from the others: an instance whose listen backlog is full under a burst of
 * connections (a server at its connection limit stops accepting) drops connection
 * attempts as a host that is down does, and leaving it out would turn a slow moment into
 * errors.
 */
enum ConnectFailure {

	/** Nothing listens on the instance's port (or a host said so). */
	REFUSED("refused"),

	/** The instance did not accept the connection within the connect timeout. */
	TIMEOUT("timeout"),

	/** No route to the instance's host. */
	NO_ROUTE("no-route"),

	/** The instance's host name does not resolve. */
	UNRESOLVED("unresolved");

	private final String tag;

	ConnectFailure(String tag) {
		this.tag = tag;
	}

	/**
	 * The value of the {@code reason} tag of the meters that count it.
	 * @return the tag's value
	 */
	String tag() {
		return this.tag;
	}

	/**
	 * How an attempt to reach an instance failed to connect.
	 * @param error the attempt's failure
	 * @return why it did not connect, or {@code null} when the failure came later (or is
	 * not one of connecting)
	 */
	static @Nullable ConnectFailure of(Throwable error) {
		for (Throwable cause = error; cause != null; cause = next(cause)) {
			// before ConnectException: Netty's ConnectTimeoutException is one
			if (cause instanceof ConnectTimeoutException) {
				return TIMEOUT;
			}
			if (cause instanceof NoRouteToHostException) {
				return NO_ROUTE;
			}
			if (cause instanceof UnknownHostException) {
				return UNRESOLVED;
			}
			if (cause instanceof ConnectException) {
				return REFUSED;
			}
		}
		return null;
	}

	private static @Nullable Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}
