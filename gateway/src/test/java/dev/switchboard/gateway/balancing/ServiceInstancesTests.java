package dev.switchboard.gateway.balancing;

import java.util.List;
import java.util.Map;

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

	private static ServiceInstances services(Map<String, String> properties) {
		Binder binder = new Binder(new MapConfigurationPropertySource(properties));
		return new ServiceInstances(binder.bindOrCreate("switchboard.gateway", SwitchboardGatewayProperties.class));
	}

}
