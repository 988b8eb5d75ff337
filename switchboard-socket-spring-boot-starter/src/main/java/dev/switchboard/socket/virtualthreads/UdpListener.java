package dev.switchboard.socket.virtualthreads;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.switchboard.socket.server.DatagramHandler;
import dev.switchboard.socket.server.PortInUseException;
import dev.switchboard.socket.server.SocketServerException;
import dev.switchboard.socket.server.SocketServerSettings;
import dev.switchboard.socket.server.Transport;

/**
 * The UDP side of a server: one thread receives datagrams and sends each reply back to
 * its sender, unless the {@link DatagramGuard} drops it (counted by reason).
 */
final class UdpListener {

	private static final Log logger = LogFactory.getLog(UdpListener.class);

	private final SocketServerSettings settings;

	private final DatagramHandler handler;

	private final ServerCounters counters;

	private final Set<Integer> ownPorts;

	private final DatagramGuard guard;

	private volatile boolean stopping;

	private int port = -1;

	private DatagramChannel channel;

	private Thread receiver;

	UdpListener(SocketServerSettings settings, DatagramHandler handler, ServerCounters counters,
			Set<Integer> ownPorts) {
		this.settings = settings;
		this.handler = handler;
		this.counters = counters;
		this.ownPorts = ownPorts;
		this.guard = new DatagramGuard(settings, ownPorts, System::nanoTime);
	}

	InetSocketAddress bind(int port) {
		try {
			DatagramChannel datagramChannel = DatagramChannel.open();
			try {
				datagramChannel.bind(new InetSocketAddress(this.settings.getAddress(), port));
			}
			catch (IOException ex) {
				datagramChannel.close();
				throw ex;
			}
			this.channel = datagramChannel;
			InetSocketAddress bound = (InetSocketAddress) datagramChannel.getLocalAddress();
			this.port = bound.getPort();
			this.ownPorts.add(this.port);
			return bound;
		}
		catch (BindException ex) {
			throw new PortInUseException(this.settings.getName(), port, Transport.UDP, ex);
		}
		catch (IOException ex) {
			throw new SocketServerException(
					"Socket server '" + this.settings.getName() + "' cannot listen on UDP port " + port, ex);
		}
	}

	void start() {
		this.receiver = Thread.ofPlatform()
			.name("socket-" + this.settings.getName() + "-udp")
			.daemon()
			.start(this::receiveLoop);
	}

	private void receiveLoop() {
		int size = (int) Math.min(this.settings.getMaxRequestSize().toBytes(), SocketServerSettings.MAX_DATAGRAM_SIZE);
		ByteBuffer buffer = ByteBuffer.allocate(size);
		while (!this.stopping) {
			SocketAddress sender;
			try {
				buffer.clear();
				sender = this.channel.receive(buffer);
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				this.counters.error();
				logger.debug("Socket server '" + this.settings.getName() + "' failed to receive: " + ex.getMessage());
				continue;
			}
			buffer.flip();
			this.counters.datagramReceived(buffer.remaining());
			String refusal = this.guard.refusal((InetSocketAddress) sender);
			if (refusal != null) {
				this.counters.refused(refusal); // dropped without a word
				continue;
			}
			byte[] payload = new byte[buffer.remaining()];
			buffer.get(payload);
			answer(payload, (InetSocketAddress) sender);
		}
	}

	private void answer(byte[] payload, InetSocketAddress sender) {
		try {
			byte[] reply = this.handler.handle(payload, sender);
			if (reply != null) {
				this.channel.send(ByteBuffer.wrap(reply), sender);
				this.counters.sent(reply.length);
			}
		}
		catch (IOException ex) {
			this.counters.error();
			logger.debug("Datagram from " + sender + " to socket server '" + this.settings.getName() + "' failed: "
					+ ex.getMessage());
		}
		catch (RuntimeException ex) {
			this.counters.error();
			logger.warn("Datagram handler of socket server '" + this.settings.getName() + "' failed on a datagram from "
					+ sender, ex);
		}
	}

	void stop() {
		this.stopping = true;
		this.ownPorts.remove(this.port);
		try {
			this.channel.close();
			this.receiver.join(1000);
		}
		catch (IOException ex) {
			// nothing left to release
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
