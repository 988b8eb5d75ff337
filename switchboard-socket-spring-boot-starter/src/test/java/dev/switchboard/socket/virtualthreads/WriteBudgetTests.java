package dev.switchboard.socket.virtualthreads;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.switchboard.socket.framing.Framings;
import dev.switchboard.socket.server.Refusals;
import dev.switchboard.socket.server.SocketConnection;
import dev.switchboard.socket.server.SocketHandler;
import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a connection may hold unsent: clients that stop reading are closed after the write
 * timeout or past a write budget, never slowing whoever writes to them, while the other
 * clients keep being served.
 */
class WriteBudgetTests {

	private static final byte[] CHUNK = new byte[64 * 1024];

	private final List<Socket> clients = new CopyOnWriteArrayList<>();

	private SocketServer server;

	@AfterEach
	void stop() throws IOException {
		for (Socket client : this.clients) {
			client.close();
		}
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void shouldCloseAClientThatReadsNothingForTheWriteTimeoutAndKeepServingTheOthers() throws Exception {
		CountDownLatch closed = new CountDownLatch(1);
		AtomicReference<IOException> failure = new AtomicReference<>();
		int port = start((connection) -> {
			if ("hi".equals(connection.read(Framings.line()))) {
				connection.write("hello\n");
				return;
			}
			try {
				while (true) {
					connection.write(CHUNK);
				}
			}
			catch (IOException ex) {
				failure.set(ex);
				closed.countDown();
			}
		}, (settings) -> {
			settings.setWriteTimeout(Duration.ofMillis(500));
			settings.setIdleTimeout(Duration.ofMinutes(5));
		});
		long before = refusals(Refusals.WRITE_TIMEOUT);
		stalledClient(port).getOutputStream().write("flood\n".getBytes(StandardCharsets.UTF_8));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.server.statistics().bytesSent() > 0);
		assertThat(exchange(port, "hi")).as("another client, while one stalls").isEqualTo("hello\n");
		assertThat(closed.await(10, TimeUnit.SECONDS)).as("the stalled client was closed").isTrue();
		assertThat(failure.get()).isInstanceOf(IOException.class);
		await().untilAsserted(() -> assertThat(refusals(Refusals.WRITE_TIMEOUT)).isEqualTo(before + 1));
		assertThat(exchange(port, "hi")).isEqualTo("hello\n");
	}

	@Test
	void shouldCloseAConnectionOverItsBudgetWithoutEverSlowingTheSender() throws Exception {
		AtomicLong sendNanos = new AtomicLong();
		AtomicReference<Boolean> openAfterRefusal = new AtomicReference<>();
		CountDownLatch refused = new CountDownLatch(1);
		int port = start((connection) -> {
			String line = connection.read(Framings.line());
			if ("hi".equals(line)) {
				connection.write("hello\n");
				return;
			}
			if ("big".equals(line)) {
				connection.write(new byte[300 * 1024]); // more than the budget at once
				return;
			}
			long start = System.nanoTime();
			for (int i = 0; i < 1000; i++) {
				if (!connection.send(CHUNK)) {
					break;
				}
			}
			sendNanos.set(System.nanoTime() - start);
			openAfterRefusal.set(connection.isOpen());
			refused.countDown();
		}, (settings) -> {
			settings.setMaxUnsentPerConnection(DataSize.ofKilobytes(256));
			settings.setWriteTimeout(Duration.ofMinutes(1));
		});
		long before = refusals(Refusals.WRITE_BUDGET);
		stalledClient(port).getOutputStream().write("flood\n".getBytes(StandardCharsets.UTF_8));
		assertThat(refused.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(openAfterRefusal.get()).as("closed at once").isFalse();
		// 1000 sends would be 64 MB: the budget stopped them long before, without waiting
		assertThat(Duration.ofNanos(sendNanos.get())).isLessThan(Duration.ofSeconds(5));
		assertThat(refusals(Refusals.WRITE_BUDGET)).isEqualTo(before + 1);
		assertThat(exchange(port, "hi")).isEqualTo("hello\n");

		try (Socket client = connect(port)) {
			client.getOutputStream().write("big\n".getBytes(StandardCharsets.UTF_8));
			assertThat(client.getInputStream().readAllBytes()).as("refused before a byte went out").isEmpty();
		}
		await().untilAsserted(() -> assertThat(refusals(Refusals.WRITE_BUDGET)).isEqualTo(before + 2));
		await().untilAsserted(() -> assertThat(this.server.statistics().unsentBytes()).isZero());
	}

	@Test
	void shouldCloseTheConnectionThatGoesOverTheServerBudgetAndServeTheOthers() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<Boolean> pushed = new AtomicReference<>();
		int port = start((connection) -> {
			String line = connection.read(Framings.line());
			switch (line) {
				case "hold" -> {
					// top up to 448 KB waiting, until the client's window and the
					// kernel's
					// buffers are full and the bytes stay
					do {
						while (connection.unsentBytes() < 448 * 1024 && connection.send(CHUNK)) {
							// more
						}
					}
					while (!waitFor(release, Duration.ofMillis(20)));
				}
				case "push" -> {
					boolean accepted = true;
					for (int i = 0; i < 1000 && accepted; i++) {
						accepted = connection.send(CHUNK);
					}
					pushed.set(accepted);
				}
				default -> connection.write("hello\n");
			}
		}, (settings) -> {
			settings.setMaxUnsentPerConnection(DataSize.ofKilobytes(512));
			settings.setMaxUnsentPerServer(DataSize.ofKilobytes(768));
			settings.setWriteTimeout(Duration.ofMinutes(1));
			settings.setShutdownTimeout(Duration.ofMillis(200));
		});
		long serverBefore = refusals(Refusals.SERVER_WRITE_BUDGET);
		long connectionBefore = refusals(Refusals.WRITE_BUDGET);
		try {
			stalledClient(port).getOutputStream().write("hold\n".getBytes(StandardCharsets.UTF_8));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.server.statistics().unsentBytes() >= 448 * 1024);
			stalledClient(port).getOutputStream().write("push\n".getBytes(StandardCharsets.UTF_8));
			await().atMost(Duration.ofSeconds(10)).until(() -> pushed.get() != null);
			assertThat(pushed.get()).as("the second stalled client was refused").isFalse();
			assertThat(refusals(Refusals.SERVER_WRITE_BUDGET)).isEqualTo(serverBefore + 1);
			assertThat(refusals(Refusals.WRITE_BUDGET)).isEqualTo(connectionBefore);
			assertThat(exchange(port, "hi")).as("a client that reads, within the budget left").isEqualTo("hello\n");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void shouldFanOutSharedArraysToEveryReaderWhileAStalledConnectionIsDropped() throws Exception {
		List<SocketConnection> connections = new CopyOnWriteArrayList<>();
		int port = start((connection) -> {
			connections.add(connection);
			while (connection.read(Framings.line()) != null) {
				// the lines come from the fan-out
			}
		}, (settings) -> {
			settings.setMaxUnsentPerConnection(DataSize.ofMegabytes(1));
			settings.setWriteTimeout(Duration.ofMinutes(1));
		});
		List<CountingReader> readers = List.of(new CountingReader(port), new CountingReader(port),
				new CountingReader(port), new CountingReader(port));
		await().until(() -> connections.size() == 4);
		stalledClient(port);
		await().until(() -> connections.size() == 5);
		SocketConnection stalled = connections.get(4);
		long before = refusals(Refusals.WRITE_BUDGET);
		byte[] line = ("x".repeat(8191) + "\n").getBytes(StandardCharsets.UTF_8);
		AtomicInteger sent = new AtomicInteger();
		AtomicLong longestRound = new AtomicLong();
		// one thread, one array per line shared by every connection; a line every 5 ms,
		// a pace the readers follow easily
		try (ScheduledExecutorService fanOut = Executors.newSingleThreadScheduledExecutor()) {
			fanOut.scheduleAtFixedRate(() -> {
				if (stalled.isOpen() && sent.get() < 5000) {
					long start = System.nanoTime();
					for (SocketConnection connection : connections) {
						connection.send(line);
					}
					longestRound.accumulateAndGet(System.nanoTime() - start, Math::max);
					sent.incrementAndGet();
				}
			}, 0, 5, TimeUnit.MILLISECONDS);
			await().atMost(Duration.ofMinutes(1)).until(() -> !stalled.isOpen() || sent.get() >= 5000);
		}
		assertThat(stalled.isOpen()).as("the stalled connection went over its budget").isFalse();
		assertThat(Duration.ofNanos(longestRound.get())).as("a send never waits for a client")
			.isLessThan(Duration.ofSeconds(1));
		long expected = (long) sent.get() * line.length;
		for (CountingReader reader : readers) {
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(reader.received()).isEqualTo(expected));
		}
		for (int i = 0; i < 4; i++) {
			assertThat(connections.get(i).isOpen()).isTrue();
		}
		assertThat(refusals(Refusals.WRITE_BUDGET)).isEqualTo(before + 1);
	}

	@Test
	void shouldCloseOnceWhatWasSentIsWritten() throws Exception {
		CountDownLatch readEnded = new CountDownLatch(1);
		int port = start((connection) -> {
			connection.send("one\n");
			connection.send("two\n");
			connection.closeWhenSent();
			assertThat(connection.send("dropped\n")).isFalse();
			if (connection.read(Framings.line()) == null) {
				readEnded.countDown();
			}
		}, (settings) -> {
		});
		try (Socket client = connect(port)) {
			assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("one\ntwo\n");
		}
		assertThat(readEnded.await(5, TimeUnit.SECONDS)).as("the blocked read returned null").isTrue();
	}

	private int start(SocketHandler handler, Consumer<SocketServerSettings> customizer) {
		SocketServerSettings settings = new SocketServerSettings("budget");
		settings.setAddress(InetAddress.getLoopbackAddress());
		settings.setPort(0);
		customizer.accept(settings);
		this.server = new VirtualThreadSocketServer(settings, handler, null);
		this.server.start();
		return this.server.address().getPort();
	}

	private long refusals(String reason) {
		return this.server.statistics().refusals(reason);
	}

	/**
	 * A client that never reads, with a small receive window so that the kernel holds
	 * little of what is sent to it.
	 */
	private Socket stalledClient(int port) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
		this.clients.add(socket);
		return socket;
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static String exchange(int port, String line) throws IOException {
		try (Socket socket = connect(port)) {
			socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static boolean waitFor(CountDownLatch latch, Duration timeout) {
		try {
			return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	/**
	 * A client that reads everything and counts the bytes.
	 */
	private final class CountingReader {

		private final AtomicLong received = new AtomicLong();

		CountingReader(int port) throws IOException {
			Socket socket = connect(port);
			socket.setSoTimeout(0);
			WriteBudgetTests.this.clients.add(socket);
			Thread.ofVirtual().start(() -> {
				byte[] buffer = new byte[64 * 1024];
				try (InputStream input = socket.getInputStream()) {
					int count;
					while ((count = input.read(buffer)) > 0) {
						this.received.addAndGet(count);
					}
				}
				catch (IOException ex) {
					// closed by the test
				}
			});
		}

		long received() {
			return this.received.get();
		}

	}

}
