package dev.switchboard.socket.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.switchboard.socket.metrics.SocketServerMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SocketServerMetricsAutoConfiguration}.
 */
class SocketServerMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EchoAutoConfiguration.class, SocketServerAutoConfiguration.class,
				SocketServerMetricsAutoConfiguration.class))
		.withPropertyValues("switchboard.socket.servers.echo.port=0",
				"switchboard.socket.servers.echo.protocol=course-echo");

	@Test
	void shouldMeasureConnectionsAndBytesPerServer() {
		this.contextRunner.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(SocketServerMetrics.class).bindTo(registry);
			int port = context.getBean(dev.switchboard.socket.context.SocketServersBootstrap.class)
				.getServers()
				.get(0)
				.address()
				.getPort();
			exchange(port);
			await().untilAsserted(() -> assertThat(registry.get("switchboard.socket.connections.accepted")
				.tag("server", "echo")
				.functionCounter()
				.count()).isEqualTo(1));
			assertThat(
					registry.get("switchboard.socket.bytes.received").tag("server", "echo").functionCounter().count())
				.isEqualTo(2);
			assertThat(registry.get("switchboard.socket.bytes.sent").tag("server", "echo").functionCounter().count())
				.isEqualTo("Serveur a reçu hi".getBytes(StandardCharsets.UTF_8).length);
			assertThat(registry.get("switchboard.socket.connections.active").tag("server", "echo").gauge().value())
				.isZero();
			assertThat(registry.get("switchboard.socket.connections.rejected").functionCounter().count()).isZero();
			assertThat(registry.get("switchboard.socket.errors").functionCounter().count()).isZero();
			assertThat(registry.get("switchboard.socket.bytes.unsent").tag("server", "echo").gauge().value()).isZero();
			double before = registry.get("switchboard.socket.refusals")
				.tags("server", "echo", "reason", "invalid-utf8")
				.functionCounter()
				.count();
			exchange(port, new byte[] { (byte) 0xc0, (byte) 0xaf });
			await().untilAsserted(() -> assertThat(registry.get("switchboard.socket.refusals")
				.tags("server", "echo", "reason", "invalid-utf8")
				.functionCounter()
				.count()).isEqualTo(before + 1));
			assertThat(registry.find("switchboard.socket.refusals").tag("reason", "write-timeout").functionCounter())
				.isNotNull();
		});
	}

	@Test
	void shouldBackOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServerMetrics.class));
	}

	private static void exchange(int port) throws IOException {
		exchange(port, "hi".getBytes(StandardCharsets.UTF_8));
	}

	private static void exchange(int port, byte[] request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(request);
			socket.getInputStream().readAllBytes();
		}
	}

}
