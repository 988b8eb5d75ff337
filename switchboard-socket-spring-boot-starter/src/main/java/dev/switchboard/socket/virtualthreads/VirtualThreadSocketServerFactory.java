package dev.switchboard.socket.virtualthreads;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.switchboard.socket.server.DatagramHandler;
import dev.switchboard.socket.server.SocketHandler;
import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerFactory;
import dev.switchboard.socket.server.SocketServerSettings;

/**
 * Creates {@link VirtualThreadSocketServer virtual-thread socket servers}: blocking
 * handlers, one virtual thread per connection, chosen over Netty by measurement (see the
 * starter's README section).
 */
public class VirtualThreadSocketServerFactory implements SocketServerFactory {

	/**
	 * The UDP ports of the servers made here: none of them answers a datagram from one.
	 */
	private final Set<Integer> udpPorts = ConcurrentHashMap.newKeySet();

	@Override
	public SocketServer getSocketServer(SocketServerSettings settings, @Nullable SocketHandler socketHandler,
			@Nullable DatagramHandler datagramHandler) {
		return new VirtualThreadSocketServer(settings, socketHandler, datagramHandler, this.udpPorts);
	}

}
