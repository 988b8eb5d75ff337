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
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.stereotype.Component;

/**
 * Finds out whether an instance of a service accepts connections: a TCP connection, made
 * and closed at once, with the connect timeout of the gateway's HTTP client. The gateway
 * asks before it accepts a WebSocket for an instance, and, once an instance has refused a
 * connection, every {@code switchboard.gateway.instance-probe-interval} until it accepts
 * one again: no request is spent finding out, and an instance that is up costs nothing.
 */
@Component
public class InstanceProbe implements DisposableBean {

	private static final Log logger = LogFactory.getLog(InstanceProbe.class);

	private static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 1000;

	private final int connectTimeoutMillis;

	private final Duration interval;

	private final Disposable.Composite probes = Disposables.composite();

	InstanceProbe(HttpClientProperties httpClient, SwitchboardGatewayProperties properties) {
		this.connectTimeoutMillis = (httpClient.getConnectTimeout() != null) ? httpClient.getConnectTimeout()
				: DEFAULT_CONNECT_TIMEOUT_MILLIS;
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
	 * Note that an instance refused a connection: the load balancer leaves it out until a
	 * probe connects to it.
	 * @param instance the instance
	 * @param error how the connection failed
	 */
	void refused(TrackedInstance instance, Throwable error) {
		if (!instance.markUnreachable()) {
			// known already: its probe is running
			return;
		}
		logger.warn(instance + " did not accept a connection (" + error.getMessage()
				+ "): requests go to the other instances of its service until it does");
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
