package dev.switchboard.socket.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketServerHealthContributorAutoConfiguration}.
 */
class SocketServerHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EchoAutoConfiguration.class, SocketServerAutoConfiguration.class,
				SocketServerHealthContributorAutoConfiguration.class))
		.withPropertyValues("switchboard.socket.servers.echo.port=0",
				"switchboard.socket.servers.echo.protocol=course-echo", "switchboard.socket.servers.rfc862.port=0",
				"switchboard.socket.servers.rfc862.protocol=rfc862");

	@Test
	void shouldReportEachServerUpWhileItListens() {
		this.contextRunner.run((context) -> {
			CompositeHealthContributor socket = context.getBean("socketHealthContributor",
					CompositeHealthContributor.class);
			for (String name : new String[] { "echo", "rfc862" }) {
				Health health = ((HealthIndicator) socket.getContributor(name)).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsKeys("port", "activeConnections", "maxConnections");
			}
		});
	}

	@Test
	void shouldReportAStoppedServerDown() {
		this.contextRunner.run((context) -> {
			CompositeHealthContributor socket = context.getBean("socketHealthContributor",
					CompositeHealthContributor.class);
			context.getBean(dev.switchboard.socket.context.SocketServersBootstrap.class).stop();
			assertThat(((HealthIndicator) socket.getContributor("echo")).health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.socket.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("socketHealthContributor"));
	}

	@Test
	void shouldBackOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("socketHealthContributor"));
	}

}
