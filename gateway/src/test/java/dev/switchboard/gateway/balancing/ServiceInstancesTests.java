package dev.switchboard.gateway.balancing;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.switchboard.gateway.system.SwitchboardGatewayProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceInstancesTests {

	@Test
	void shouldTakeOneInstancePerUrlOfACommaSeparatedList() {
		ServiceInstances services = services(Map.of("switchboard.gateway.services.messaging-service",
				"http://messaging-1:8083, http://messaging-2:8083,https://chat.example"));
		assertThat(services.of("messaging-service").instances()).extracting(ServiceInstance::getUri)
			.map(Object::toString)
			.containsExactly("http://messaging-1:8083", "http://messaging-2:8083", "https://chat.example:443");
		assertThat(services.of("messaging-service").instances()).extracting(ServiceInstance::getServiceId)
			.containsOnly("messaging-service");
	}

	@Test
	void shouldTakeASingleUrlAsOneInstance() {
		ServiceInstances services = services(
				Map.of("switchboard.gateway.services.random-service", "http://localhost:8082"));
		assertThat(services.of("random-service").instances()).extracting(ServiceInstance::getUri)
			.map(Object::toString)
			.containsExactly("http://localhost:8082");
		assertThat(services.of("contacts-service")).isNull();
	}

	@Test
	void shouldRefuseAUrlThatIsNotHttp() {
		for (String url : List.of("localhost:8082", "ftp://files.example", "http:///no-host")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> services(Map.of("switchboard.gateway.services.random-service", url)))
				.withMessageContaining("switchboard.gateway.services.random-service")
				.withMessageContaining("is not an http:// or https:// URL with a host name");
		}
	}

	@Test
	void shouldCountConnectFailuresAndInstancesLeftOutByServiceAndReason() {
		ServiceInstances services = services(Map.of("switchboard.gateway.services.messaging-service",
				"http://messaging-1:8083,http://messaging-2:8083", "switchboard.gateway.instance-eject-after-timeouts",
				"2"));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		services.bindTo(registry);
		ReachableInstances messaging = services.of("messaging-service");
		TrackedInstance first = messaging.instances().get(0);
		TrackedInstance second = messaging.instances().get(1);
		messaging.notConnected(first, ConnectFailure.TIMEOUT);
		assertThat(count(registry, ServiceInstances.CONNECT_FAILURES, "timeout")).isEqualTo(1);
		assertThat(count(registry, ServiceInstances.EJECTIONS, "timeout")).isZero();
		messaging.notConnected(first, ConnectFailure.TIMEOUT);
		assertThat(count(registry, ServiceInstances.CONNECT_FAILURES, "timeout")).isEqualTo(2);
		assertThat(count(registry, ServiceInstances.EJECTIONS, "timeout")).isEqualTo(1);
		// the last one left in: counted, kept
		messaging.notConnected(second, ConnectFailure.TIMEOUT);
		messaging.notConnected(second, ConnectFailure.TIMEOUT);
		assertThat(count(registry, ServiceInstances.CONNECT_FAILURES, "timeout")).isEqualTo(4);
		assertThat(count(registry, ServiceInstances.EJECTIONS, "timeout")).isEqualTo(1);
		assertThat(registry.get(ServiceInstances.REACHABLE).tag("service", "messaging-service").gauge().value())
			.isEqualTo(1);
		messaging.notConnected(second, ConnectFailure.REFUSED);
		assertThat(count(registry, ServiceInstances.CONNECT_FAILURES, "refused")).isEqualTo(1);
		assertThat(count(registry, ServiceInstances.EJECTIONS, "refused")).isEqualTo(1);
		assertThat(count(registry, ServiceInstances.EJECTIONS, "no-route")).isZero();
		assertThat(count(registry, ServiceInstances.EJECTIONS, "unresolved")).isZero();
	}

	@Test
	void shouldRefuseToLeaveInstancesOutAfterFewerThanOneTimeout() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> services(Map.of("switchboard.gateway.services.random-service", "http://localhost:8082",
					"switchboard.gateway.instance-eject-after-timeouts", "0")))
			.withMessageContaining("switchboard.gateway.instance-eject-after-timeouts must be 1 or more");
	}

	private static double count(SimpleMeterRegistry registry, String name, String reason) {
		return registry.get(name).tag("service", "messaging-service").tag("reason", reason).counter().count();
	}

	private static ServiceInstances services(Map<String, String> properties) {
		Binder binder = new Binder(new MapConfigurationPropertySource(properties));
		return new ServiceInstances(binder.bindOrCreate("switchboard.gateway", SwitchboardGatewayProperties.class));
	}

}
