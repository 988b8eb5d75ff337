package dev.switchboard.socket.virtualthreads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.socket.echo.CourseEchoHandler;
import dev.switchboard.socket.echo.Rfc862DatagramEchoHandler;
import dev.switchboard.socket.echo.Rfc862EchoHandler;
import dev.switchboard.socket.framing.FramingException;
import dev.switchboard.socket.framing.Framings;
import dev.switchboard.socket.server.DatagramHandler;
import dev.switchboard.socket.server.PortInUseException;
import dev.switchboard.socket.server.Refusals;
import dev.switchboard.socket.server.SocketConnection;
import dev.switchboard.socket.server.SocketHandler;
import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerSettings;
import dev.switchboard.socket.server.Transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link VirtualThreadSocketServer} on real loopback sockets, port 0.
 */
class VirtualThreadSocketServerTests {

	private SocketServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void shouldServeTheCourseEchoToAClientThatReadsOnceAndToOneThatReadsToTheEnd() throws IOException {
		int port = start(new CourseEchoHandler("Serveur a reçu "), (settings) -> {
		});
		try (TestClient client = TestClient.connect(port)) {
			assertThat(client.send("Hello server").receiveOnce()).isEqualTo("Serveur a reçu Hello server");
		}
		try (TestClient client = TestClient.connect(port)) {
			assertThat(client.send("Hello TCP Server").receiveAll()).isEqualTo("Serveur a reçu Hello TCP Server");
		}
		assertThat(this.server.statistics().acceptedConnections()).isEqualTo(2);
		assertThat(this.server.statistics().bytesReceived()).isEqualTo(28);
		assertThat(this.server.statistics().errors()).isZero();
	}

	@Test
	void shouldCloseASilentClientAfterTheIdleTimeout() throws IOException {
		int port = start(new CourseEchoHandler("> "), (settings) -> settings.setIdleTimeout(Duration.ofMillis(200)));
		try (TestClient client = TestClient.connect(port)) {
			long start = System.nanoTime();
			assertThat(client.receiveOnce()).isNull();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		}
		await().untilAsserted(() -> assertThat(this.server.statistics().errors()).isEqualTo(1));
		try (TestClient client = TestClient.connect(port)) {
			assertThat(client.send("still there").receiveAll()).isEqualTo("> still there");
		}
	}

	@Test
	void shouldTellASlowClientThatItsRequestTimedOut() throws Exception {
		SocketHandler handler = (connection) -> {
			try {
				connection.read(Framings.jsonDocument(1024));
			}
			catch (SocketTimeoutException ex) {
				connection.write(ex.getMessage());
			}
		};
		int port = start(handler, (settings) -> {
			settings.setIdleTimeout(Duration.ofSeconds(2));
			settings.setRequestTimeout(Duration.ofMillis(400));
		});
		try (TestClient client = TestClient.connect(port)) {
			client.send("{\"cmd\":");
			CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
				try {
					return client.receiveAll();
				}
				catch (IOException ex) {
					return ex.toString();
				}
			});
			// one byte every 100 ms: never idle, never complete (until the server answers
			// and closes, which the reader may not have seen yet when the next byte goes)
			try (ScheduledExecutorService slowly = Executors.newSingleThreadScheduledExecutor()) {
				slowly.scheduleAtFixedRate(() -> sendOrStop(client, " "), 100, 100, TimeUnit.MILLISECONDS);
				assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("request not complete within 400ms");
			}
		}
	}

	@Test
	void shouldTellAClientThatSentHalfARequestThenNothing() throws IOException {
		SocketHandler handler = (connection) -> {
			try {
				connection.read(Framings.jsonDocument(1024));
			}
			catch (SocketTimeoutException ex) {
				connection.write(ex.getMessage());
			}
		};
		int port = start(handler, (settings) -> settings.setIdleTimeout(Duration.ofMillis(300)));
		try (TestClient client = TestClient.connect(port)) {
			assertThat(client.send("{\"cmd\": \"li").receiveAll())
				.isEqualTo("request incomplete: no data received for 300ms");
		}
	}

	@Test
	void shouldDeliverTheErrorReplyToAClientStillSendingARequestOverTheLimit() throws Exception {
		int port = start((connection) -> {
			try {
				connection.read(Framings.jsonDocument(1024));
			}
			catch (FramingException ex) {
				connection.write(ex.getMessage());
			}
		}, (settings) -> {
		});
		try (TestClient client = TestClient.connect(port)) {
			CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
				try {
					client.send("{\"a\":\"" + "x".repeat(300_000));
				}
				catch (IOException ex) {
					// the server may close before everything is sent
				}
			});
			assertThat(client.receiveAll()).isEqualTo("request larger than the limit of 1024 bytes");
			sending.get(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void shouldCloseConnectionsOverTheLimitAndServeTheOthers() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		int port = start((connection) -> {
			connection.read(Framings.oneRead());
			waitFor(release);
			connection.write("done");
		}, (settings) -> settings.setMaxConnections(2));
		try (TestClient first = TestClient.connect(port).send("1");
				TestClient second = TestClient.connect(port).send("2")) {
			await().until(() -> this.server.statistics().activeConnections() == 2);
			try (TestClient third = TestClient.connect(port)) {
				assertThat(third.receiveOnce()).isNull();
			}
			assertThat(this.server.statistics().rejectedConnections()).isEqualTo(1);
			release.countDown();
			assertThat(first.receiveAll()).isEqualTo("done");
			assertThat(second.receiveAll()).isEqualTo("done");
		}
	}

	@Test
	void shouldKeepServingWhenAHandlerFails() throws IOException {
		int port = start((connection) -> {
			byte[] message = connection.read(Framings.oneRead());
			if (new String(message, StandardCharsets.UTF_8).equals("boom")) {
				throw new IllegalStateException("handler bug");
			}
			connection.write(message);
		}, (settings) -> {
		});
		try (TestClient client = TestClient.connect(port)) {
			assertThat(client.send("boom").receiveAll()).isEmpty();
		}
		try (TestClient client = TestClient.connect(port)) {
			assertThat(client.send("fine").receiveAll()).isEqualTo("fine");
		}
		assertThat(this.server.statistics().errors()).isEqualTo(1);
	}

	@Test
	void shouldStopGracefullyLettingInFlightRequestsFinish() throws Exception {
		CountDownLatch working = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		int port = start((connection) -> {
			String message;
			while ((message = connection.read(Framings.line())) != null) {
				working.countDown();
				waitFor(release);
				connection.write(message);
			}
		}, (settings) -> settings.setShutdownTimeout(Duration.ofSeconds(5)));
		try (TestClient busy = TestClient.connect(port); TestClient idle = TestClient.connect(port)) {
			busy.send("in flight\n");
			assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();
			await().until(() -> this.server.statistics().activeConnections() == 2);
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.server::stop);
			assertThat(idle.receiveOnce()).as("idle connection closed at once").isNull();
			await().until(() -> refused(port));
			assertThat(stopping).isNotDone();
			release.countDown();
			assertThat(busy.receiveAll()).isEqualTo("in flight");
			stopping.get(5, TimeUnit.SECONDS);
		}
		assertThat(refused(port)).isTrue();
		awaitNothingListens(port);
	}

	@Test
	void shouldNotTakeAnAcceptedSilentConnectionForARefusedOne() throws IOException {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			// the kernel accepts the connection into the backlog; nobody ever answers it
			assertThat(probe(silent.getLocalPort())).isEqualTo(Probe.SILENT);
			assertThat(refused(silent.getLocalPort())).isFalse();
		}
		int port = start((connection) -> {
		}, (settings) -> {
		});
		assertThat(probe(port)).as("a handler that returns at once closes").isEqualTo(Probe.CLOSED_AT_ONCE);
		this.server.stop();
		assertThat(refused(port)).isTrue();
		awaitNothingListens(port);
	}

	@Test
	void shouldCloseBusyConnectionsAtTheShutdownTimeout() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		int port = start((connection) -> {
			connection.read(Framings.oneRead());
			waitFor(release);
		}, (settings) -> settings.setShutdownTimeout(Duration.ofMillis(200)));
		try (TestClient client = TestClient.connect(port).send("stuck")) {
			await().until(() -> this.server.statistics().activeConnections() == 1);
			long start = System.nanoTime();
			this.server.stop();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			assertThat(client.receiveOnce()).isNull();
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void shouldCloseAClientThatStopsReading() throws Exception {
		AtomicReference<Exception> failure = new AtomicReference<>();
		CountDownLatch done = new CountDownLatch(1);
		int port = start((connection) -> {
			byte[] chunk = new byte[64 * 1024];
			try {
				while (true) {
					connection.write(chunk);
				}
			}
			catch (IOException ex) {
				failure.set(ex);
				done.countDown();
			}
		}, (settings) -> settings.setWriteTimeout(Duration.ofMillis(300)));
		try (TestClient client = TestClient.connect(port)) {
			client.socket().setReceiveBufferSize(4096);
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(failure.get()).isInstanceOf(IOException.class);
		}
		await().untilAsserted(() -> assertThat(this.server.statistics().refusals(Refusals.WRITE_TIMEOUT)).isOne());
	}

	@Test
	void shouldCountEachRefusedRequestByItsReason() throws IOException {
		int port = start((connection) -> {
			try {
				connection.read(Framings.jsonDocument(64));
			}
			catch (IOException ex) {
				connection.write(ex.getMessage());
			}
		}, (settings) -> settings.setIdleTimeout(Duration.ofMillis(300)));
		byte[][] requests = { "{\"a\":\"".concat("x".repeat(100)).concat("\"}").getBytes(StandardCharsets.UTF_8),
				{ '{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}' }, "{\"a\" 1}".getBytes(),
				new byte[0] };
		String[] reasons = { Refusals.REQUEST_TOO_LARGE, Refusals.INVALID_UTF8, Refusals.MALFORMED_REQUEST,
				Refusals.IDLE_TIMEOUT };
		for (int i = 0; i < requests.length; i++) {
			long before = this.server.statistics().refusals(reasons[i]);
			try (TestClient client = TestClient.connect(port)) {
				assertThat(client.send(requests[i]).receiveAll()).isNotEmpty();
			}
			assertThat(this.server.statistics().refusals(reasons[i])).as(reasons[i]).isEqualTo(before + 1);
		}
		assertThat(this.server.statistics().refusalReasons()).containsAll(Refusals.TCP)
			.doesNotContainAnyElementsOf(Refusals.UDP);
	}

	@Test
	void shouldCountTheRefusalsAHandlerDeclaresAndNoOthers() throws IOException {
		SocketHandler handler = new SocketHandler() {

			@Override
			public void handle(SocketConnection connection) throws IOException {
				connection.countRefusal("sign-in-timeout");
				try {
					connection.countRefusal("undeclared");
				}
				catch (IllegalArgumentException ex) {
					connection.write(ex.getMessage());
				}
			}

			@Override
			public java.util.Set<String> refusalReasons() {
				return java.util.Set.of("sign-in-timeout");
			}

		};
		int port = start(handler, (settings) -> {
		});
		try (TestClient client = TestClient.connect(port)) {
			assertThat(client.receiveAll()).startsWith("Refusal reason 'undeclared' is not one of");
		}
		assertThat(this.server.statistics().refusals("sign-in-timeout")).isOne();
	}

	@Test
	void shouldSayWhichPortIsInUse() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			SocketServerSettings settings = settings((s) -> s.setPort(taken.getLocalPort()));
			this.server = new VirtualThreadSocketServer(settings, new Rfc862EchoHandler(), null);
			assertThatExceptionOfType(PortInUseException.class).isThrownBy(this.server::start)
				.satisfies((ex) -> assertThat(ex.getPort()).isEqualTo(taken.getLocalPort()))
				.satisfies((ex) -> assertThat(ex.getServerName()).isEqualTo("test"));
			assertThat(this.server.isRunning()).isFalse();
		}
	}

	@Test
	void shouldEchoStreamsAndDatagramsOnOnePort() throws IOException {
		SocketServerSettings settings = settings((s) -> s.setTransports(EnumSet.of(Transport.TCP, Transport.UDP)));
		this.server = new VirtualThreadSocketServer(settings, new Rfc862EchoHandler(), new Rfc862DatagramEchoHandler());
		this.server.start();
		int port = this.server.address().getPort();
		try (TestClient client = TestClient.connect(port)) {
			client.send("line one\n");
			assertThat(client.receiveOnce()).isEqualTo("line one\n");
			client.send("line two\n").shutdownOutput();
			assertThat(client.receiveAll()).isEqualTo("line two\n");
		}
		try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			udp.setSoTimeout(5000);
			byte[] payload = "ping é".getBytes(StandardCharsets.UTF_8);
			udp.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
			DatagramPacket reply = new DatagramPacket(new byte[100], 100);
			udp.receive(reply);
			assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo("ping é");
		}
		assertThat(this.server.statistics().datagramsReceived()).isEqualTo(1);
	}

	@Test
	void shouldKeepAnsweringDatagramsWhenTheHandlerFails() throws IOException {
		DatagramHandler handler = (payload, sender) -> {
			if (payload.length == 0) {
				throw new IllegalArgumentException("empty");
			}
			return payload;
		};
		this.server = new VirtualThreadSocketServer(settings((s) -> s.setTransports(EnumSet.of(Transport.UDP))), null,
				handler);
		this.server.start();
		int port = this.server.address().getPort();
		try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			udp.setSoTimeout(5000);
			udp.send(new DatagramPacket(new byte[0], 0, InetAddress.getLoopbackAddress(), port));
			udp.send(new DatagramPacket(new byte[] { 1 }, 1, InetAddress.getLoopbackAddress(), port));
			DatagramPacket reply = new DatagramPacket(new byte[10], 10);
			udp.receive(reply);
			assertThat(reply.getLength()).isEqualTo(1);
		}
		assertThat(this.server.statistics().errors()).isEqualTo(1);
	}

	private int start(SocketHandler handler, Consumer<SocketServerSettings> customizer) {
		this.server = new VirtualThreadSocketServer(settings(customizer), handler, null);
		this.server.start();
		return this.server.address().getPort();
	}

	private SocketServerSettings settings(Consumer<SocketServerSettings> customizer) {
		SocketServerSettings settings = new SocketServerSettings("test");
		settings.setAddress(InetAddress.getLoopbackAddress());
		settings.setPort(0);
		customizer.accept(settings);
		return settings;
	}

	/**
	 * Whether a new connection is refused: the connection fails, or the server closes it
	 * at once (end of stream or reset). A connection accepted and left silent is not.
	 */
	private static boolean refused(int port) {
		Probe probe = probe(port);
		return probe == Probe.REFUSED || probe == Probe.CLOSED_AT_ONCE;
	}

	/**
	 * The listening socket is closed for good: a connection fails. (Just after a stop,
	 * the kernel may still complete a connection, which is reset at once.)
	 */
	private static void awaitNothingListens(int port) {
		await().atMost(Duration.ofSeconds(5)).until(() -> probe(port) == Probe.REFUSED);
	}

	private static Probe probe(int port) {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
		}
		catch (ConnectException ex) {
			return Probe.REFUSED;
		}
		catch (IOException ex) {
			// no answer to the SYN at all: neither refused nor accepted
			return Probe.SILENT;
		}
		try (socket) {
			socket.setSoTimeout(1000);
			return (socket.getInputStream().read() < 0) ? Probe.CLOSED_AT_ONCE : Probe.ANSWERED;
		}
		catch (SocketTimeoutException ex) {
			return Probe.SILENT;
		}
		catch (IOException ex) {
			// reset by the server
			return Probe.CLOSED_AT_ONCE;
		}
	}

	/** Sends, or ends the repeated task that calls it once the server has closed. */
	private static void sendOrStop(TestClient client, String text) {
		try {
			client.send(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What a client that connects finds. */
	private enum Probe {

		/** The connection failed: nothing listens. */
		REFUSED,

		/** Accepted, then closed at once (end of stream or reset). */
		CLOSED_AT_ONCE,

		/** Accepted (or never answered), and no byte within a second. */
		SILENT,

		/** Accepted, and bytes came. */
		ANSWERED

	}

}
