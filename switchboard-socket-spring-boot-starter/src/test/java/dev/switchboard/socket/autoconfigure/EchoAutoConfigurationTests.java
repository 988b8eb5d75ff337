package dev.switchboard.socket.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.switchboard.socket.context.SocketPortInfoApplicationContextInitializer;
import dev.switchboard.socket.echo.CourseEchoHandler;
import dev.switchboard.socket.echo.Rfc862DatagramEchoHandler;
import dev.switchboard.socket.echo.Rfc862EchoHandler;
import dev.switchboard.socket.framing.Framings;
import dev.switchboard.socket.server.SocketHandler;

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
	void shouldNotChooseAProtocolByTheServersName() {
		this.contextRunner
			.withPropertyValues("switchboard.socket.servers.echo.port=0", "switchboard.socket.servers.rfc862.port=0")
			.run((context) -> assertThat(context).doesNotHaveBean(CourseEchoHandler.class)
				.doesNotHaveBean(Rfc862EchoHandler.class)
				.doesNotHaveBean(Rfc862DatagramEchoHandler.class));
	}

	@Test
	void shouldLetAServerNamedEchoBeServedByTheApplicationsOwnHandler() {
		this.contextRunner.withUserConfiguration(OwnEchoConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.echo.port=0")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(CourseEchoHandler.class);
				assertThat(exchange(port(context.getEnvironment(), "echo"), "Hello server"))
					.isEqualTo("mine: Hello server");
			});
	}

	@Test
	void shouldServeTheCourseEchoOnAServerThatAsksForIt() {
		this.contextRunner.withPropertyValues("switchboard.socket.servers.hello.port=0",
				"switchboard.socket.servers.hello.protocol=course-echo", "switchboard.socket.echo.reply-prefix=[got]")
			.run((context) -> {
				assertThat(context).hasSingleBean(CourseEchoHandler.class).doesNotHaveBean(Rfc862EchoHandler.class);
				assertThat(exchange(port(context.getEnvironment(), "hello"), "Hello server"))
					.isEqualTo("[got]Hello server");
			});
	}

	@Test
	void shouldUseTheCoursePrefixByDefault() {
		this.contextRunner
			.withPropertyValues("switchboard.socket.servers.echo.port=0",
					"switchboard.socket.servers.echo.protocol=course-echo")
			.run((context) -> {
				assertThat(context.getBean(EchoProperties.class).replyPrefix()).isEqualTo("Serveur a reçu ");
				assertThat(exchange(port(context.getEnvironment(), "echo"), "Hello server"))
					.isEqualTo("Serveur a reçu Hello server");
			});
	}

	@Test
	void shouldStillReadTheDeprecatedReplyPrefixWhenTheNewOneIsNotSet() {
		this.contextRunner
			.withPropertyValues("switchboard.socket.servers.echo.port=0",
					"switchboard.socket.servers.echo.protocol=course-echo", "switchboard.echo.reply-prefix=[old]")
			.run((context) -> assertThat(exchange(port(context.getEnvironment(), "echo"), "hi")).isEqualTo("[old]hi"));
	}

	@Test
	void shouldPreferTheNewReplyPrefixToTheDeprecatedOne() {
		this.contextRunner
			.withPropertyValues("switchboard.socket.servers.echo.port=0",
					"switchboard.socket.servers.echo.protocol=course-echo", "switchboard.echo.reply-prefix=[old]",
					"switchboard.socket.echo.reply-prefix=[new]")
			.run((context) -> assertThat(exchange(port(context.getEnvironment(), "echo"), "hi")).isEqualTo("[new]hi"));
	}

	@Test
	void shouldServeRfc862OverTcpAndUdpOnAServerThatAsksForIt() {
		this.contextRunner.withPropertyValues("switchboard.socket.servers.loop.port=0",
				"switchboard.socket.servers.loop.protocol=rfc862", "switchboard.socket.servers.loop.transport=tcp,udp")
			.run((context) -> {
				assertThat(context).hasSingleBean(Rfc862EchoHandler.class)
					.hasSingleBean(Rfc862DatagramEchoHandler.class)
					.doesNotHaveBean(CourseEchoHandler.class);
				int port = port(context.getEnvironment(), "loop");
				assertThat(exchange(port, "echo me")).isEqualTo("echo me");
				assertThat(exchangeDatagram(port, "echo me too")).isEqualTo("echo me too");
			});
	}

	@Test
	void shouldServeOneProtocolOnSeveralServers() {
		this.contextRunner
			.withPropertyValues("switchboard.socket.servers.one.port=0",
					"switchboard.socket.servers.one.protocol=course-echo", "switchboard.socket.servers.two.port=0",
					"switchboard.socket.servers.two.protocol=course-echo")
			.run((context) -> {
				assertThat(exchange(port(context.getEnvironment(), "one"), "a")).isEqualTo("Serveur a reçu a");
				assertThat(exchange(port(context.getEnvironment(), "two"), "b")).isEqualTo("Serveur a reçu b");
			});
	}

	@Test
	void shouldRefuseTheCourseEchoOverUdp() {
		this.contextRunner
			.withPropertyValues("switchboard.socket.servers.echo.port=0",
					"switchboard.socket.servers.echo.protocol=course-echo",
					"switchboard.socket.servers.echo.transport=tcp,udp")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("switchboard.socket.servers.echo.protocol course-echo is TCP only: set transport to tcp"));
	}

	@Test
	void shouldNotServeADisabledServersProtocol() {
		this.contextRunner.withPropertyValues("switchboard.socket.servers.echo.port=0",
				"switchboard.socket.servers.echo.protocol=course-echo", "switchboard.socket.servers.echo.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CourseEchoHandler.class));
	}

	private static int port(Environment environment, String server) {
		return environment.getRequiredProperty("local.switchboard.socket." + server + ".port", Integer.class);
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

	private static String exchangeDatagram(int port, String message) throws IOException {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			socket.setSoTimeout(5000);
			byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
			socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
			DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
			socket.receive(reply);
			return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEchoConfiguration {

		@Bean
		SocketHandler echo() {
			return (connection) -> {
				byte[] message = connection.read(Framings.oneRead());
				connection.write("mine: " + new String(message, StandardCharsets.UTF_8));
			};
		}

	}

}
