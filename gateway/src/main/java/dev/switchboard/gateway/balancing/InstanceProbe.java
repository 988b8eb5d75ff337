package dev.switchboard.gateway.balancing;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;
import reactor.util.retry.Retry;

import dev.switchboard.gateway.system.SwitchboardGatewayProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.stereotype.Component;

/**
 * Finds out whether an instance of a service accepts connections: a TCP connection, made
 * and closed at once, with the connect timeout of the gateway's HTTP client. The gateway
 * asks before it accepts a WebSocket for an instance, and, once an instance has been left
 * out of the load balancer's choices ({@link ReachableInstances#notConnected}), every
 * {@code switchboard.gateway.instance-probe-interval} until it accepts one again: no
 * request is spent finding out, and an instance that is up costs nothing.
 */
@Component
public class InstanceProbe implements DisposableBean {

	private static final Log logger = LogFactory.getLog(InstanceProbe.class);

	private final int connectTimeoutMillis;

	private final Duration interval;

	private final Disposable.Composite probes = Disposables.composite();

	InstanceProbe(HttpClientProperties httpClient, SwitchboardGatewayProperties properties) {
		// Spring Cloud Gateway's connect timeout wins on its requests when it is set
		this.connectTimeoutMillis = (httpClient.getConnectTimeout() != null) ? httpClient.getConnectTimeout()
				: (int) properties.connectTimeout().toMillis();
		this.interval = properties.instanceProbeInterval();
	}

	/**
	 * Connect to an address and close the connection at once.
	 * @param host the host
	 * @param port the port
	 * @return completes once connected, fails as the connection did
	 */
	public Mono<Void> connect(String host, int port) {
		return TcpClient.newConnection()
			.host(host)
			.port(port)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, this.connectTimeoutMillis)
			.connect()
			.doOnNext(Connection::dispose)
			.then();
	}

	/**
	 * Connect to the instance the load balancer chose and close the connection at once; a
	 * connection it accepts ends its run of connect timeouts, if any.
	 * @param instance the instance
	 * @return completes once connected, fails as the connection did
	 */
	public Mono<Void> connect(ServiceInstance instance) {
		Mono<Void> connected = connect(instance.getHost(), instance.getPort());
		return (instance instanceof TrackedInstance tracked) ? connected.doOnSuccess((done) -> tracked.connected())
				: connected;
	}

	/**
	 * Probe an instance that has just been left out of the load balancer's choices until
	 * it accepts a connection, which brings it back.
	 * @param instance the instance
	 * @param failure why it was left out
	 * @param error how its last connection failed
	 */
	void leftOut(TrackedInstance instance, ConnectFailure failure, Throwable error) {
		String what = (failure != ConnectFailure.TIMEOUT) ? "did not accept a connection" : "did not accept "
				+ instance.timeoutsInARow() + " connections in a row within " + this.connectTimeoutMillis + " ms";
		logger.warn(instance + " " + what + " (" + error.getMessage()
				+ "): requests go to the other instances of its service until it accepts one again");
		Disposable.Swap probe = Disposables.swap();
		this.probes.add(probe);
		probe.update(Mono.delay(this.interval)
			.then(Mono.defer(() -> connect(instance.getHost(), instance.getPort())))
			.retryWhen(Retry.indefinitely())
			.doFinally((signal) -> this.probes.remove(probe))
			.subscribe(null, null, () -> {
				instance.markReachable();
				logger.info(instance + " accepts connections again");
			}));
	}

	@Override
	public void destroy() {
		this.probes.dispose();
	}

}
