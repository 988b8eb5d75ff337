package dev.switchboard.socket.virtualthreads;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import dev.switchboard.socket.server.Refusals;
import dev.switchboard.socket.server.SocketServerSettings;

/**
 * Decides which datagrams a UDP server answers, so that it cannot be turned into a
 * reflector: no answer to a well-known source port (below {@code udp.min-source-port}:
 * another echo, chargen or daytime service would answer back forever, the 2024 "loop"
 * attack), none to a port a UDP server of this application listens on (two instances
 * would bounce one datagram between them), and at most {@code udp.source-rate} datagrams
 * per second to one source address (burst {@code udp.source-burst}) and
 * {@code udp.global-rate} in all (burst {@code udp.global-burst}): spoofed sources get
 * little. The table of source addresses holds at most {@code udp.max-sources}, forgetting
 * the one heard from least recently. Not thread-safe: used by the receive thread only.
 */
final class DatagramGuard {

	private final int minSourcePort;

	private final Set<Integer> ownPorts;

	private final int sourceRate;

	private final int sourceBurst;

	private final LongSupplier clock;

	private final TokenBucket global;

	private final Map<InetAddress, TokenBucket> sources;

	/**
	 * Create a guard.
	 * @param settings the server's limits
	 * @param ownPorts the UDP ports this application listens on, kept up to date by its
	 * servers
	 * @param clock the time in nanoseconds ({@link System#nanoTime()})
	 */
	DatagramGuard(SocketServerSettings settings, Set<Integer> ownPorts, LongSupplier clock) {
		this.minSourcePort = settings.getMinSourcePort();
		this.ownPorts = ownPorts;
		this.sourceRate = settings.getSourceRate();
		this.sourceBurst = settings.getSourceBurst();
		this.clock = clock;
		this.global = new TokenBucket(settings.getGlobalRate(), settings.getGlobalBurst(), clock.getAsLong());
		this.sources = new SourceTable(settings.getMaxSources());
	}

	/**
	 * Decide whether to answer a datagram.
	 * @param sender where it came from
	 * @return {@code null} to answer it, else the reason to drop it (one of
	 * {@link Refusals#UDP})
	 */
	@Nullable String refusal(InetSocketAddress sender) {
		int port = sender.getPort();
		if (port < this.minSourcePort) {
			return Refusals.SOURCE_PORT;
		}
		if (this.ownPorts.contains(port)) {
			return Refusals.OWN_PORT;
		}
		long now = this.clock.getAsLong();
		// the source's own budget first: one flooding source must not use up the
		// global one
		TokenBucket source = this.sources.computeIfAbsent(sender.getAddress(),
				(address) -> new TokenBucket(this.sourceRate, this.sourceBurst, now));
		if (!source.tryTake(now)) {
			return Refusals.SOURCE_RATE;
		}
		if (!this.global.tryTake(now)) {
			return Refusals.GLOBAL_RATE;
		}
		return null;
	}

	/**
	 * Return how many source addresses are remembered.
	 * @return the size of the table
	 */
	int trackedSources() {
		return this.sources.size();
	}

	/**
	 * Source addresses in the order they were last heard from, the stalest first.
	 */
	private static final class SourceTable extends LinkedHashMap<InetAddress, TokenBucket> {

		private final int maxSources;

		SourceTable(int maxSources) {
			super(Math.min(maxSources, 1024), 0.75f, true);
			this.maxSources = maxSources;
		}

		@Override
		protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
			return size() > this.maxSources;
		}

	}

}
