package dev.switchboard.socket.virtualthreads;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.socket.echo.Rfc862DatagramEchoHandler;
import dev.switchboard.socket.server.Refusals;
import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerSettings;
import dev.switchboard.socket.server.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The UDP echo on real sockets, with its guard against reflection: what a flooding
 * source, a port of this application and the global budget get (nothing), and that other
 * senders are still answered.
 */
class DatagramServerTests {

	private final Set<Integer> udpPorts = ConcurrentHashMap.newKeySet();

	private SocketServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void shouldCutAFloodFromOneSourceAndStillAnswerAnother() throws IOException {
		int port = start((settings) -> {
			settings.setSourceRate(1);
			settings.setSourceBurst(5);
		});
		try (DatagramSocket flooder = client("127.0.0.1"); DatagramSocket other = client("127.0.0.2")) {
			for (int i = 0; i < 50; i++) {
				send(flooder, port, "flood " + i);
			}
			int answers = 0;
			while (receive(flooder) != null) {
				answers++;
			}
			// the burst, and at most a few refilled while the flood went on
			assertThat(answers).isBetween(5, 8);
			send(other, port, "hello");
			assertThat(receive(other)).isEqualTo("hello");
		}
		await().untilAsserted(() -> assertThat(refusals(Refusals.SOURCE_RATE)).isBetween(42L, 45L));
	}

	@Test
	void shouldKeepAGlobalBudget() throws IOException {
		int port = start((settings) -> {
			settings.setGlobalRate(1);
			settings.setGlobalBurst(3);
		});
		try (DatagramSocket first = client("127.0.0.1"); DatagramSocket second = client("127.0.0.2")) {
			for (int i = 0; i < 3; i++) {
				send(first, port, "ping " + i);
				assertThat(receive(first)).isEqualTo("ping " + i);
			}
			send(second, port, "over the budget");
			assertThat(receive(second)).isNull();
		}
		await().untilAsserted(() -> assertThat(refusals(Refusals.GLOBAL_RATE)).isOne());
	}

	@Test
	void shouldNotAnswerAPortOfItsOwnApplicationNorABelowTheMinimum() throws IOException {
		try (DatagramSocket one = client("127.0.0.1"); DatagramSocket two = client("127.0.0.1")) {
			DatagramSocket low = (one.getLocalPort() < two.getLocalPort()) ? one : two;
			DatagramSocket echoElsewhere = (low == one) ? two : one;
			// a UDP port this application serves on (as if another server's)
			this.udpPorts.add(echoElsewhere.getLocalPort());
			// and a minimum above the other client's port, as 1024 is above port 7
			int port = start((settings) -> settings.setMinSourcePort(low.getLocalPort() + 1));
			assertThat(this.udpPorts).as("the server's own port is known").contains(port);
			send(echoElsewhere, port, "loop?");
			send(low, port, "low port");
			assertThat(receive(echoElsewhere)).isNull();
			assertThat(receive(low)).isNull();
		}
		await().untilAsserted(() -> {
			assertThat(refusals(Refusals.OWN_PORT)).isOne();
			assertThat(refusals(Refusals.SOURCE_PORT)).isOne();
		});
		int port = this.server.address().getPort();
		this.server.stop();
		assertThat(this.udpPorts).as("forgotten once stopped").doesNotContain(port);
	}

	private int start(Consumer<SocketServerSettings> customizer) {
		SocketServerSettings settings = new SocketServerSettings("udp");
		settings.setAddress(InetAddress.getLoopbackAddress());
		settings.setPort(0);
		settings.setTransports(EnumSet.of(Transport.UDP));
		customizer.accept(settings);
		this.server = new VirtualThreadSocketServer(settings, null, new Rfc862DatagramEchoHandler(), this.udpPorts);
		this.server.start();
		return this.server.address().getPort();
	}

	private long refusals(String reason) {
		return this.server.statistics().refusals(reason);
	}

	private static DatagramSocket client(String address) throws IOException {
		DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
		socket.setSoTimeout(500);
		return socket;
	}

	private static void send(DatagramSocket socket, int port, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
	}

	/**
	 * Receive an answer.
	 * @return the answer, or {@code null} when none came within half a second
	 */
	private static String receive(DatagramSocket socket) throws IOException {
		DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
		try {
			socket.receive(packet);
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
		return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
	}

}
