package dev.switchboard.gateway.balancing;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

class ReachableInstancesTests {

	private final TrackedInstance a = new TrackedInstance("random-service", URI.create("http://a:8082"));

	private final TrackedInstance b = new TrackedInstance("random-service", URI.create("http://b:8082"));

	private final TrackedInstance c = new TrackedInstance("random-service", URI.create("http://c:8082"));

	private final ReachableInstances instances = new ReachableInstances("random-service",
			List.of(this.a, this.b, this.c));

	@Test
	void shouldOfferEveryInstanceWhileAllAcceptConnections() {
		assertThat(this.instances.get().blockFirst()).containsExactly(this.a, this.b, this.c);
	}

	@Test
	void shouldLeaveOutAnInstanceThatRefusedAConnectionUntilItAcceptsOneAgain() {
		this.b.markUnreachable();
		assertThat(this.instances.get().blockFirst()).containsExactly(this.a, this.c);
		assertThat(this.instances.reachable()).isEqualTo(2);
		this.b.markReachable();
		assertThat(this.instances.get().blockFirst()).containsExactly(this.a, this.b, this.c);
	}

	@Test
	void shouldOfferEveryInstanceToAFirstAttemptWhenNoneAcceptsConnections() {
		this.a.markUnreachable();
		this.b.markUnreachable();
		this.c.markUnreachable();
		assertThat(this.instances.get(request(null)).blockFirst()).containsExactly(this.a, this.b, this.c);
	}

	@Test
	void shouldOfferAnotherAttemptOnlyTheInstancesItHasNotTriedThatAcceptConnections() {
		this.a.markUnreachable();
		List<ServiceInstance> tried = List.of(this.a);
		assertThat(this.instances.get(request(tried)).blockFirst()).containsExactly(this.b, this.c);
		assertThat(this.instances.hasUntried(tried)).isTrue();
		this.c.markUnreachable();
		assertThat(this.instances.get(request(tried)).blockFirst()).containsExactly(this.b);
		List<ServiceInstance> triedBoth = List.of(this.a, this.b);
		assertThat(this.instances.get(request(triedBoth)).blockFirst()).isEmpty();
		assertThat(this.instances.hasUntried(triedBoth)).isFalse();
	}

	private static DefaultRequest<RequestDataContext> request(List<ServiceInstance> tried) {
		Map<String, Object> attributes = new HashMap<>();
		if (tried != null) {
			attributes.put(InstanceFailover.TRIED, tried);
		}
		RequestData data = new RequestData(HttpMethod.GET, URI.create("lb://random-service/api/echo/x"),
				new HttpHeaders(), new LinkedMultiValueMap<>(), attributes);
		return new DefaultRequest<>(new RequestDataContext(data));
	}

}
