package dev.switchboard.socket.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import dev.switchboard.socket.context.SocketPortInfoApplicationContextInitializer;
import dev.switchboard.socket.context.SocketServersBootstrap;
import dev.switchboard.socket.server.DatagramHandler;
import dev.switchboard.socket.server.SocketHandler;
import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerCustomizer;
import dev.switchboard.socket.server.SocketServerFactory;
import dev.switchboard.socket.server.SocketServerSettings;
import dev.switchboard.socket.server.Transport;
import dev.switchboard.socket.virtualthreads.VirtualThreadSocketServerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link SocketServerAutoConfiguration}.
 */
class SocketServerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketServerAutoConfiguration.class));

	@Test
	void shouldNotCreateBeansWithoutAHandler() {
		this.contextRunner.withPropertyValues("switchboard.socket.servers.chat.port=0")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketServerFactory.class)
				.doesNotHaveBean(SocketServersBootstrap.class));
	}

	@Test
	void shouldCreateDefaultBeansWhenAHandlerAndAPortAreSet() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0")
			.run((context) -> {
				assertThat(context).hasSingleBean(SocketServersBootstrap.class);
				assertThat(context).getBean(SocketServerFactory.class)
					.isInstanceOf(VirtualThreadSocketServerFactory.class);
				SocketServer server = singleServer(context.getBean(SocketServersBootstrap.class));
				assertThat(server.name()).isEqualTo("chat");
				assertThat(server.isRunning()).isTrue();
			});
	}

	@Test
	void shouldApplyTheDefaults() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0")
			.run((context) -> {
				SocketServerSettings settings = singleServer(context.getBean(SocketServersBootstrap.class)).settings();
				assertThat(settings.getTransports()).containsExactly(Transport.TCP);
				assertThat(settings.getAddress()).isNull();
				assertThat(settings.getMaxConnections()).isEqualTo(10_000);
				assertThat(settings.getIdleTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(settings.getRequestTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(settings.getMaxRequestSize()).isEqualTo(DataSize.ofKilobytes(64));
				assertThat(settings.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(settings.getWriteTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(settings.getMaxUnsentPerConnection()).isEqualTo(DataSize.ofMegabytes(1));
				assertThat(settings.getMaxUnsentPerServer()).isEqualTo(DataSize.ofMegabytes(32));
				assertThat(settings.getMinSourcePort()).isEqualTo(1024);
				assertThat(settings.getSourceRate()).isEqualTo(100);
				assertThat(settings.getSourceBurst()).isEqualTo(200);
				assertThat(settings.getMaxSources()).isEqualTo(10_000);
				assertThat(settings.getGlobalRate()).isEqualTo(2000);
				assertThat(settings.getGlobalBurst()).isEqualTo(4000);
			});
	}

	@Test
	void shouldBindEveryProperty() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class, DatagramConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0",
					"switchboard.socket.servers.chat.address=127.0.0.1",
					"switchboard.socket.servers.chat.transport=tcp,udp",
					"switchboard.socket.servers.chat.max-connections=5",
					"switchboard.socket.servers.chat.idle-timeout=2m",
					"switchboard.socket.servers.chat.request-timeout=1500ms",
					"switchboard.socket.servers.chat.max-request-size=8KB", "switchboard.socket.shutdown-timeout=3s",
					"switchboard.socket.servers.chat.write-timeout=4s",
					"switchboard.socket.servers.chat.max-unsent-per-connection=256KB",
					"switchboard.socket.servers.chat.max-unsent-per-server=8MB",
					"switchboard.socket.servers.chat.udp.min-source-port=2000",
					"switchboard.socket.servers.chat.udp.source-rate=5",
					"switchboard.socket.servers.chat.udp.source-burst=6",
					"switchboard.socket.servers.chat.udp.max-sources=7",
					"switchboard.socket.servers.chat.udp.global-rate=8",
					"switchboard.socket.servers.chat.udp.global-burst=9")
			.run((context) -> {
				SocketServerSettings settings = singleServer(context.getBean(SocketServersBootstrap.class)).settings();
				assertThat(settings.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
				assertThat(settings.getTransports()).containsExactly(Transport.TCP, Transport.UDP);
				assertThat(settings.getMaxConnections()).isEqualTo(5);
				assertThat(settings.getIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(settings.getRequestTimeout()).isEqualTo(Duration.ofMillis(1500));
				assertThat(settings.getMaxRequestSize()).isEqualTo(DataSize.ofKilobytes(8));
				assertThat(settings.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.getWriteTimeout()).isEqualTo(Duration.ofSeconds(4));
				assertThat(settings.getMaxUnsentPerConnection()).isEqualTo(DataSize.ofKilobytes(256));
				assertThat(settings.getMaxUnsentPerServer()).isEqualTo(DataSize.ofMegabytes(8));
				assertThat(settings.getMinSourcePort()).isEqualTo(2000);
				assertThat(settings.getSourceRate()).isEqualTo(5);
				assertThat(settings.getSourceBurst()).isEqualTo(6);
				assertThat(settings.getMaxSources()).isEqualTo(7);
				assertThat(settings.getGlobalRate()).isEqualTo(8);
				assertThat(settings.getGlobalBurst()).isEqualTo(9);
			});
	}

	@Test
	void shouldBindServersFromEnvironmentVariables() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("SWITCHBOARD_SOCKET_SERVERS_CHAT_PORT", "0");
		variables.put("SWITCHBOARD_SOCKET_SERVERS_CHAT_MAX_CONNECTIONS", "7");
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)))
			.run((context) -> assertThat(
					singleServer(context.getBean(SocketServersBootstrap.class)).settings().getMaxConnections())
				.isEqualTo(7));
	}

	@Test
	void shouldRunSeveralServersEachWithTheHandlerOfItsName() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class, QualifiedHandlerConfiguration.class)
			.withInitializer(new SocketPortInfoApplicationContextInitializer())
			.withPropertyValues("switchboard.socket.servers.chat.port=0", "switchboard.socket.servers.contacts.port=0")
			.run((context) -> {
				List<SocketServer> servers = context.getBean(SocketServersBootstrap.class).getServers();
				assertThat(servers).extracting(SocketServer::name).containsExactly("chat", "contacts");
				assertThat(servers).allMatch(SocketServer::isRunning);
				for (SocketServer server : servers) {
					assertThat(context.getEnvironment()
						.getProperty("local.switchboard.socket." + server.name() + ".port", Integer.class))
						.isEqualTo(server.address().getPort())
						.isPositive();
				}
			});
	}

	@Test
	void shouldNotStartADisabledServer() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0",
					"switchboard.socket.servers.chat.enabled=false")
			.run((context) -> assertThat(context.getBean(SocketServersBootstrap.class).getServers()).isEmpty());
	}

	@Test
	void shouldApplyCustomizersInOrder() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class, CustomizerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0")
			.run((context) -> assertThat(
					singleServer(context.getBean(SocketServersBootstrap.class)).settings().getBacklog())
				.isEqualTo(128));
	}

	@Test
	void shouldBackOffFromAUserFactoryAndBootstrap() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class, CustomBeansConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0")
			.run((context) -> {
				assertThat(context).getBeanNames(SocketServerFactory.class).containsExactly("customFactory");
				assertThat(context).getBeanNames(SocketServersBootstrap.class).containsExactly("customBootstrap");
			});
	}

	@Test
	void shouldFailWhenAServerHasNoPort() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.max-connections=5")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessage("switchboard.socket.servers.chat.port must be set (0 picks a free port)");
			});
	}

	@Test
	void shouldFailOnInvalidValues() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=70000")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("switchboard.socket.servers.chat.port must be between 0 and 65535, was 70000"));
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0",
					"switchboard.socket.servers.chat.max-connections=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("max-connections must be positive"));
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0",
					"switchboard.socket.servers.chat.idle-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("idle-timeout must be positive"));
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0",
					"switchboard.socket.servers.chat.transport=sctp")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void shouldFailOnInvalidWriteBudgetsAndUdpLimits() {
		assertFailure("switchboard.socket.servers.chat.write-timeout=0s",
				"switchboard.socket.servers.chat.write-timeout must be positive, was PT0S");
		assertFailure("switchboard.socket.servers.chat.max-unsent-per-connection=0B",
				"switchboard.socket.servers.chat.max-unsent-per-connection must be positive, was 0B");
		assertFailure("switchboard.socket.servers.chat.max-unsent-per-connection=64MB",
				"switchboard.socket.servers.chat.max-unsent-per-connection (67108864B) must not exceed "
						+ "max-unsent-per-server (33554432B)");
		assertFailure("switchboard.socket.servers.chat.udp.source-rate=0",
				"switchboard.socket.servers.chat.udp.source-rate must be positive, was 0");
		assertFailure("switchboard.socket.servers.chat.udp.min-source-port=70000",
				"switchboard.socket.servers.chat.udp.min-source-port must be between 0 and 65535, was 70000");
		assertFailure("switchboard.socket.servers.chat.udp.max-sources=0",
				"switchboard.socket.servers.chat.udp.max-sources must be positive, was 0");
	}

	private void assertFailure(String property, String message) {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0", property)
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessage(message));
	}

	@Test
	void shouldFailWhenAServerHasNoHandlerOfItsName() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0", "switchboard.socket.servers.other.port=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Socket server 'other' listens on TCP but no SocketHandler bean is named or "
						+ "qualified 'other'"));
	}

	@Test
	void shouldFailWhenAUdpServerHasNoDatagramHandler() {
		this.contextRunner.withUserConfiguration(ChatHandlerConfiguration.class)
			.withPropertyValues("switchboard.socket.servers.chat.port=0",
					"switchboard.socket.servers.chat.transport=udp")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("no DatagramHandler bean is named or qualified 'chat'"));
	}

	private static SocketServer singleServer(SocketServersBootstrap bootstrap) {
		assertThat(bootstrap.getServers()).hasSize(1);
		return bootstrap.getServers().get(0);
	}

	@Configuration(proxyBeanMethods = false)
	static class ChatHandlerConfiguration {

		@Bean
		SocketHandler chat() {
			return (connection) -> connection.write("hello\n");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedHandlerConfiguration {

		@Bean
		@Qualifier("contacts")
		SocketHandler contactsSocketHandler() {
			return (connection) -> connection.write("{}");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DatagramConfiguration {

		@Bean
		@Qualifier("chat")
		DatagramHandler chatDatagrams() {
			return (payload, sender) -> payload;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(1)
		SocketServerCustomizer first() {
			return (settings) -> settings.setBacklog(64);
		}

		@Bean
		@Order(2)
		SocketServerCustomizer second() {
			return (settings) -> settings.setBacklog(settings.getBacklog() * 2);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBeansConfiguration {

		@Bean
		SocketServerFactory customFactory() {
			return mock(SocketServerFactory.class);
		}

		@Bean
		SocketServersBootstrap customBootstrap() {
			return new SocketServersBootstrap(List.of());
		}

	}

}
