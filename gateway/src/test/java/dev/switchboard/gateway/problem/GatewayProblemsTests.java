package dev.switchboard.gateway.problem;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayProblemsTests {

	@Test
	void shouldNameTheServiceOfTheRoutesLoadBalancedUriWhateverTheRouteId() {
		MockServerWebExchange exchange = routedTo("uploads-of-files", "lb://fileshare-service");
		ProblemDetail problem = GatewayProblems.of(exchange, new ConnectException("Connection refused"));
		assertThat(problem.getStatus()).isEqualTo(503);
		assertThat(problem.getDetail()).isEqualTo("fileshare-service is unavailable: connection refused.");
		assertThat(problem.getProperties()).containsEntry("service", "fileshare-service");
	}

	@Test
	void shouldNameNoServiceForARouteThatHasNone() {
		MockServerWebExchange exchange = routedTo("chat-page-redirect", "no://op");
		assertThat(GatewayProblems.service(exchange)).isNull();
		ProblemDetail problem = GatewayProblems.of(exchange, new ConnectException("Connection refused"));
		assertThat(problem.getDetail()).isEqualTo("The service is unavailable: connection refused.");
		assertThat(problem.getProperties()).isNullOrEmpty();
	}

	private static MockServerWebExchange routedTo(String id, String uri) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/shares"));
		Route route = Route.async().id(id).uri(uri).predicate((routed) -> true).build();
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		return exchange;
	}

}
