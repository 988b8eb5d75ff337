package dev.switchboard.socket.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerStatistics;

/**
 * Micrometer meters of the socket servers, tagged with the server's name:
 * {@code switchboard.socket.connections.active|accepted|rejected},
 * {@code switchboard.socket.datagrams.received},
 * {@code switchboard.socket.bytes.received|sent|unsent},
 * {@code switchboard.socket.errors} and {@code switchboard.socket.refusals}, one per
 * refusal reason (tag {@code reason}).
 */
public class SocketServerMetrics implements MeterBinder {

	private final List<SocketServer> servers;

	/**
	 * Create meters for servers.
	 * @param servers the servers
	 */
	public SocketServerMetrics(List<SocketServer> servers) {
		this.servers = servers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (SocketServer server : this.servers) {
			Tags tags = Tags.of("server", server.name());
			SocketServerStatistics statistics = server.statistics();
			Gauge
				.builder("switchboard.socket.connections.active", statistics, SocketServerStatistics::activeConnections)
				.tags(tags)
				.baseUnit(BaseUnits.CONNECTIONS)
				.description("TCP connections being served")
				.register(registry);
			counter(registry, "switchboard.socket.connections.accepted", BaseUnits.CONNECTIONS,
					"TCP connections accepted", statistics, SocketServerStatistics::acceptedConnections, tags);
			counter(registry, "switchboard.socket.connections.rejected", BaseUnits.CONNECTIONS,
					"TCP connections closed at once: server full or stopping", statistics,
					SocketServerStatistics::rejectedConnections, tags);
			counter(registry, "switchboard.socket.datagrams.received", "datagrams", "UDP datagrams received",
					statistics, SocketServerStatistics::datagramsReceived, tags);
			counter(registry, "switchboard.socket.bytes.received", BaseUnits.BYTES, "Bytes received", statistics,
					SocketServerStatistics::bytesReceived, tags);
			counter(registry, "switchboard.socket.bytes.sent", BaseUnits.BYTES, "Bytes sent", statistics,
					SocketServerStatistics::bytesSent, tags);
			counter(registry, "switchboard.socket.errors", "errors",
					"Failed connections and datagrams: timeouts, rejected requests, network and handler errors",
					statistics, SocketServerStatistics::errors, tags);
			Gauge.builder("switchboard.socket.bytes.unsent", statistics, SocketServerStatistics::unsentBytes)
				.tags(tags)
				.baseUnit(BaseUnits.BYTES)
				.description("Bytes handed over to TCP connections and not yet written (bounded by "
						+ "max-unsent-per-server)")
				.register(registry);
			for (String reason : statistics.refusalReasons()) {
				counter(registry, "switchboard.socket.refusals", "refusals",
						"Clients refused: connections closed, requests refused, datagrams dropped, by reason",
						statistics, (stats) -> stats.refusals(reason), tags.and("reason", reason));
			}
		}
	}

	private void counter(MeterRegistry registry, String name, String unit, String description,
			SocketServerStatistics statistics, ToDoubleFunction<SocketServerStatistics> value, Tags tags) {
		FunctionCounter.builder(name, statistics, value)
			.tags(tags)
			.baseUnit(unit)
			.description(description)
			.register(registry);
	}

}
