package dev.switchboard.socket.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.switchboard.socket.context.SocketPortInfoApplicationContextInitializer;
import dev.switchboard.socket.echo.CourseEchoHandler;
import dev.switchboard.socket.echo.Rfc862DatagramEchoHandler;
import dev.switchboard.socket.echo.Rfc862EchoHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EchoAutoConfiguration}.
 */
class EchoAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EchoAutoConfiguration.class, SocketServerAutoConfiguration.class))
		.withInitializer(new SocketPortInfoApplicationContextInitializer());

	@Test
	void shouldServeNoEchoByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CourseEchoHandler.class)
			.doesNotHaveBean(Rfc862EchoHandler.class)
			.doesNotHaveBean(EchoProperties.class));
	}

	@Test
	void shouldServeTheCourseEchoOnTheServerNamedEcho() {
		this.contextRunner
			.withPropertyValues("switchboard.socket.servers.echo.port=0", "switchboard.echo.reply-prefix=[got]")
			.run((context) -> {
				assertThat(context).hasSingleBean(CourseEchoHandler.class).doesNotHaveBean(Rfc862EchoHandler.class);
				int port = context.getEnvironment()
					.getRequiredProperty("local.switchboard.socket.echo.port", Integer.class);
				assertThat(exchange(port, "Hello server")).isEqualTo("[got]Hello server");
			});
	}

	@Test
	void shouldUseTheCoursePrefixByDefault() {
		this.contextRunner.withPropertyValues("switchboard.socket.servers.echo.port=0")
			.run((context) -> assertThat(context.getBean(EchoProperties.class).replyPrefix())
				.isEqualTo("Serveur a reçu "));
	}

	@Test
	void shouldServeRfc862OverTcpAndUdpOnTheServerNamedRfc862() {
		this.contextRunner
			.withPropertyValues("switchboard.socket.servers.rfc862.port=0",
					"switchboard.socket.servers.rfc862.transport=tcp,udp")
			.run((context) -> {
				assertThat(context).hasSingleBean(Rfc862EchoHandler.class)
					.hasSingleBean(Rfc862DatagramEchoHandler.class)
					.doesNotHaveBean(CourseEchoHandler.class);
				int port = context.getEnvironment()
					.getRequiredProperty("local.switchboard.socket.rfc862.port", Integer.class);
				assertThat(exchange(port, "echo me")).isEqualTo("echo me");
			});
	}

	private static String exchange(int port, String message) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(5000);
			OutputStream output = socket.getOutputStream();
			output.write(message.getBytes(StandardCharsets.UTF_8));
			socket.shutdownOutput();
			InputStream input = socket.getInputStream();
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
