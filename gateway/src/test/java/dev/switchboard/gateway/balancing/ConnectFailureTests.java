package dev.switchboard.gateway.balancing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectFailureTests {

	@Test
	void shouldTellATimeoutFromARefusalThoughNettysTimeoutIsAConnectException() {
		assertThat(new ConnectTimeoutException("connection timed out")).isInstanceOf(ConnectException.class);
		assertThat(ConnectFailure.of(new ConnectTimeoutException("connection timed out")))
			.isEqualTo(ConnectFailure.TIMEOUT);
		assertThat(ConnectFailure.of(new ConnectException("Connection refused"))).isEqualTo(ConnectFailure.REFUSED);
	}

	@Test
	void shouldFindTheFailureAmongTheCauses() {
		assertThat(ConnectFailure.of(new IllegalStateException(new ConnectTimeoutException("timed out"))))
			.isEqualTo(ConnectFailure.TIMEOUT);
		assertThat(ConnectFailure.of(new RuntimeException(new NoRouteToHostException("No route to host"))))
			.isEqualTo(ConnectFailure.NO_ROUTE);
		assertThat(ConnectFailure.of(new RuntimeException(new UnknownHostException("messaging-9"))))
			.isEqualTo(ConnectFailure.UNRESOLVED);
	}

	@Test
	void shouldFindNoConnectFailureWhenTheInstanceTookTheConnection() {
		assertThat(ConnectFailure.of(new IOException("Connection reset by peer"))).isNull();
		assertThat(ConnectFailure.of(new RuntimeException("broken"))).isNull();
	}

}
