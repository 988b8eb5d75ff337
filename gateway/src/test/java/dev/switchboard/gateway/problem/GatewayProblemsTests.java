package dev.switchboard.gateway.problem;

import java.net.ConnectException;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayProblemsTests {

	@Test
	void shouldNameTheServiceOfTheRoutesMetadataWhateverTheRouteIdAndUri() {
		MockServerWebExchange exchange = routedTo("uploads-of-files", "lb://files-backend", "fileshare-service");
		ProblemDetail problem = GatewayProblems.of(exchange, new ConnectException("Connection refused"));
		assertThat(problem.getStatus()).isEqualTo(503);
		assertThat(problem.getDetail()).isEqualTo("fileshare-service is unavailable: connection refused.");
		assertThat(problem.getProperties()).containsEntry("service", "fileshare-service");
	}

	@Test
	void shouldNameNoServiceForARouteThatHasNone() {
		MockServerWebExchange exchange = routedTo("chat-page-redirect", "no://op", null);
		assertThat(GatewayProblems.service(exchange)).isNull();
		ProblemDetail problem = GatewayProblems.of(exchange, new ConnectException("Connection refused"));
		assertThat(problem.getDetail()).isEqualTo("The service is unavailable: connection refused.");
		assertThat(problem.getProperties()).isNullOrEmpty();
	}

	@Test
	void shouldNameNoServiceForALoadBalancedRouteWithoutMetadata() {
		MockServerWebExchange exchange = routedTo("random-service", "lb://random-service", null);
		assertThat(GatewayProblems.service(exchange)).isNull();
	}

	private static MockServerWebExchange routedTo(String id, String uri, @Nullable String service) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/shares"));
		Route.AsyncBuilder builder = Route.async().id(id).uri(uri).predicate((routed) -> true);
		if (service != null) {
			builder.metadata(GatewayProblems.SERVICE_METADATA, service);
		}
		Route route = builder.build();
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		return exchange;
	}

}
