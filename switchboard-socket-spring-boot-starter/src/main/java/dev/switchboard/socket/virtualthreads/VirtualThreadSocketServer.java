package dev.switchboard.socket.virtualthreads;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.switchboard.socket.server.DatagramHandler;
import dev.switchboard.socket.server.Durations;
import dev.switchboard.socket.server.PortInUseException;
import dev.switchboard.socket.server.Refusals;
import dev.switchboard.socket.server.SocketHandler;
import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerSettings;
import dev.switchboard.socket.server.SocketServerStatistics;
import dev.switchboard.socket.server.Transport;

/**
 * A {@link SocketServer} with a virtual thread per TCP connection, and UDP on the same
 * port when asked.
 */
public class VirtualThreadSocketServer implements SocketServer {

	private static final Log logger = LogFactory.getLog(VirtualThreadSocketServer.class);

	private static final int FREE_PORT_ATTEMPTS = 10;

	private final SocketServerSettings settings;

	private final @Nullable SocketHandler socketHandler;

	private final @Nullable DatagramHandler datagramHandler;

	private final ServerCounters counters;

	private final Set<Integer> udpPorts;

	private @Nullable TcpListener tcp;

	private @Nullable UdpListener udp;

	private volatile @Nullable InetSocketAddress address;

	/**
	 * Create a server, stopped, that knows only its own UDP port.
	 * @param settings the settings
	 * @param socketHandler the TCP protocol, if the settings include TCP
	 * @param datagramHandler the UDP protocol, if the settings include UDP
	 */
	public VirtualThreadSocketServer(SocketServerSettings settings, @Nullable SocketHandler socketHandler,
			@Nullable DatagramHandler datagramHandler) {
		this(settings, socketHandler, datagramHandler, ConcurrentHashMap.newKeySet());
	}

	/**
	 * Create a server, stopped.
	 * @param settings the settings
	 * @param socketHandler the TCP protocol, if the settings include TCP
	 * @param datagramHandler the UDP protocol, if the settings include UDP
	 * @param udpPorts the UDP ports of every server of the application, shared by them (a
	 * thread-safe set): no datagram from one of them is answered
	 */
	public VirtualThreadSocketServer(SocketServerSettings settings, @Nullable SocketHandler socketHandler,
			@Nullable DatagramHandler datagramHandler, Set<Integer> udpPorts) {
		if (settings.getMaxUnsentPerConnection().toBytes() > settings.getMaxUnsentPerServer().toBytes()) {
			throw new IllegalArgumentException("Socket server '" + settings.getName()
					+ "': max-unsent-per-connection must not exceed max-unsent-per-server");
		}
		this.settings = settings;
		this.socketHandler = settings.getTransports().contains(Transport.TCP) ? required(socketHandler, Transport.TCP)
				: null;
		this.datagramHandler = settings.getTransports().contains(Transport.UDP)
				? required(datagramHandler, Transport.UDP) : null;
		this.udpPorts = udpPorts;
		this.counters = new ServerCounters(refusalReasons());
	}

	private Set<String> refusalReasons() {
		Set<String> reasons = new HashSet<>();
		if (this.socketHandler != null) {
			reasons.addAll(Refusals.TCP);
			reasons.addAll(this.socketHandler.refusalReasons());
		}
		if (this.datagramHandler != null) {
			reasons.addAll(Refusals.UDP);
		}
		return reasons;
	}

	@Override
	public String name() {
		return this.settings.getName();
	}

	@Override
	public SocketServerSettings settings() {
		return this.settings;
	}

	@Override
	public synchronized void start() {
		if (this.address != null) {
			return;
		}
		int attempts = (this.settings.getPort() == 0 && this.settings.getTransports().size() > 1) ? FREE_PORT_ATTEMPTS
				: 1;
		for (int attempt = 1;; attempt++) {
			try {
				this.address = bind();
				break;
			}
			catch (PortInUseException ex) {
				// port 0 for TCP and UDP: the free TCP port may be taken for UDP, try
				// another
				if (attempt >= attempts) {
					throw ex;
				}
			}
		}
		if (this.tcp != null) {
			this.tcp.start();
		}
		if (this.udp != null) {
			this.udp.start();
		}
		logger.info("Socket server '" + name() + "' started on " + describeTransports() + " port "
				+ this.address.getPort() + " (" + describeLimits() + ")");
	}

	private String describeLimits() {
		StringBuilder limits = new StringBuilder();
		if (this.tcp != null) {
			limits.append("max ")
				.append(this.settings.getMaxConnections())
				.append(" connections, idle timeout ")
				.append(Durations.describe(this.settings.getIdleTimeout()))
				.append(", request timeout ")
				.append(Durations.describe(this.settings.getRequestTimeout()))
				.append(", max request ")
				.append(this.settings.getMaxRequestSize().toBytes())
				.append(" bytes, write timeout ")
				.append(Durations.describe(this.settings.getWriteTimeout()))
				.append(", max unsent ")
				.append(this.settings.getMaxUnsentPerConnection().toBytes())
				.append(" bytes per connection and ")
				.append(this.settings.getMaxUnsentPerServer().toBytes())
				.append(" per server");
		}
		if (this.udp != null) {
			limits.append((limits.length() > 0) ? "; " : "")
				.append("UDP: no answer below source port ")
				.append(this.settings.getMinSourcePort())
				.append(" nor to an own port, ")
				.append(this.settings.getSourceRate())
				.append(" datagrams/s per source (burst ")
				.append(this.settings.getSourceBurst())
				.append(", ")
				.append(this.settings.getMaxSources())
				.append(" sources tracked), ")
				.append(this.settings.getGlobalRate())
				.append("/s in all (burst ")
				.append(this.settings.getGlobalBurst())
				.append(")");
		}
		return limits.toString();
	}

	private InetSocketAddress bind() {
		InetSocketAddress bound = null;
		int port = this.settings.getPort();
		if (this.settings.getTransports().contains(Transport.TCP)) {
			this.tcp = new TcpListener(this.settings, this.socketHandler, this.counters);
			bound = this.tcp.bind(port);
			port = bound.getPort();
		}
		if (this.settings.getTransports().contains(Transport.UDP)) {
			this.udp = new UdpListener(this.settings, this.datagramHandler, this.counters, this.udpPorts);
			try {
				InetSocketAddress udpAddress = this.udp.bind(port);
				bound = (bound != null) ? bound : udpAddress;
			}
			catch (RuntimeException ex) {
				if (this.tcp != null) {
					this.tcp.stop(Duration.ZERO);
					this.tcp = null;
				}
				throw ex;
			}
		}
		return bound;
	}

	private <T> T required(@Nullable T handler, Transport transport) {
		if (handler == null) {
			throw new IllegalArgumentException("Socket server '" + this.settings.getName() + "' listens on " + transport
					+ " but has no " + ((transport == Transport.TCP) ? "SocketHandler" : "DatagramHandler"));
		}
		return handler;
	}

	@Override
	public synchronized void stop() {
		InetSocketAddress stopping = this.address;
		if (stopping == null) {
			return;
		}
		long start = System.nanoTime();
		int active = this.counters.activeConnections();
		int forced = 0;
		if (this.udp != null) {
			this.udp.stop();
		}
		if (this.tcp != null) {
			forced = this.tcp.stop(this.settings.getShutdownTimeout());
		}
		this.address = null;
		logger.info("Socket server '" + name() + "' stopped on " + describeTransports() + " port " + stopping.getPort()
				+ " in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (" + active
				+ " open connections" + ((forced > 0) ? ", " + forced + " closed at the shutdown timeout" : "") + ")");
	}

	@Override
	public boolean isRunning() {
		return this.address != null;
	}

	@Override
	public @Nullable InetSocketAddress address() {
		return this.address;
	}

	@Override
	public SocketServerStatistics statistics() {
		return this.counters;
	}

	private String describeTransports() {
		return String.join("+", this.settings.getTransports().stream().map(Transport::name).toList());
	}

	@Override
	public String toString() {
		return "socket server '" + name() + "'";
	}

}
