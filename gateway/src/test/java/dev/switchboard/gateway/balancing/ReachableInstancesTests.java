package dev.switchboard.gateway.balancing;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
			List.of(this.a, this.b, this.c), 3);

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

	@Test
	void shouldLeaveOutAnInstanceAtOnceWhenItRefusesAConnectionOrCannotBeReached() {
		assertThat(this.instances.notConnected(this.a, ConnectFailure.REFUSED)).isTrue();
		assertThat(this.instances.notConnected(this.b, ConnectFailure.NO_ROUTE)).isTrue();
		assertThat(this.instances.reachable()).isEqualTo(1);
		// known already: no second probe
		assertThat(this.instances.notConnected(this.a, ConnectFailure.REFUSED)).isFalse();
		// even the last one: its refusal is an answer, the client gets 503 at once
		assertThat(this.instances.notConnected(this.c, ConnectFailure.UNRESOLVED)).isTrue();
		assertThat(this.instances.reachable()).isZero();
	}

	@Test
	void shouldLeaveOutAnInstanceOnlyAfterThreeConnectTimeoutsInARow() {
		assertThat(this.instances.notConnected(this.a, ConnectFailure.TIMEOUT)).isFalse();
		assertThat(this.instances.notConnected(this.a, ConnectFailure.TIMEOUT)).isFalse();
		assertThat(this.instances.reachable()).isEqualTo(3);
		assertThat(this.instances.get().blockFirst()).containsExactly(this.a, this.b, this.c);
		assertThat(this.instances.notConnected(this.a, ConnectFailure.TIMEOUT)).isTrue();
		assertThat(this.instances.get().blockFirst()).containsExactly(this.b, this.c);
		// back once the probe connects, with a clean slate
		this.a.markReachable();
		assertThat(this.instances.notConnected(this.a, ConnectFailure.TIMEOUT)).isFalse();
		assertThat(this.instances.reachable()).isEqualTo(3);
	}

	@Test
	void shouldStartCountingConnectTimeoutsAgainOnceTheInstanceAcceptsAConnection() {
		this.instances.notConnected(this.a, ConnectFailure.TIMEOUT);
		this.instances.notConnected(this.a, ConnectFailure.TIMEOUT);
		this.a.connected();
		assertThat(this.instances.notConnected(this.a, ConnectFailure.TIMEOUT)).isFalse();
		assertThat(this.instances.notConnected(this.a, ConnectFailure.TIMEOUT)).isFalse();
		assertThat(this.instances.reachable()).isEqualTo(3);
		// another instance's timeouts are its own
		this.instances.notConnected(this.b, ConnectFailure.TIMEOUT);
		assertThat(this.instances.notConnected(this.a, ConnectFailure.TIMEOUT)).isTrue();
		assertThat(this.instances.reachable()).isEqualTo(2);
	}

	@Test
	void shouldNeverLeaveOutTheLastInstanceLeftInForConnectTimeouts() {
		this.a.markUnreachable();
		this.b.markUnreachable();
		for (int i = 0; i < 10; i++) {
			assertThat(this.instances.notConnected(this.c, ConnectFailure.TIMEOUT)).isFalse();
		}
		assertThat(this.instances.reachable()).isEqualTo(1);
		// another instance back: the slow one's run of timeouts counts again
		this.b.markReachable();
		assertThat(this.instances.notConnected(this.c, ConnectFailure.TIMEOUT)).isTrue();
		assertThat(this.instances.get().blockFirst()).containsExactly(this.b);
		// a refusal is no slowness: the last one goes too
		assertThat(this.instances.notConnected(this.b, ConnectFailure.REFUSED)).isTrue();
	}

	@Test
	void shouldLeaveOneInstanceInWhenEveryInstanceTimesOutAtOnce() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				TrackedInstance instance = List.of(this.a, this.b, this.c).get(i % 3);
				done.add(threads.submit(() -> {
					start.await();
					for (int timeout = 0; timeout < 1000; timeout++) {
						this.instances.notConnected(instance, ConnectFailure.TIMEOUT);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.instances.reachable()).isEqualTo(1);
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
