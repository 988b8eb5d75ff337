package dev.switchboard.gateway;

import java.util.List;

import dev.switchboard.gateway.accesslog.AccessLogWebFilter;
import dev.switchboard.gateway.problem.ErrorBoundaryWebFilter;
import dev.switchboard.gateway.requestid.RequestIdWebFilter;
import dev.switchboard.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request id, access log and error boundary filters run first, as one entry of
 * Spring's filter chain, never as entries of their own as well.
 */
class WebFilterOrderTests extends GatewayIntegrationTest {

	@Autowired
	private ObjectProvider<WebFilter> filters;

	@Test
	void shouldRunTheEdgeFiltersFirstAndOnlyOnce() {
		List<WebFilter> chain = this.filters.orderedStream().toList();
		assertThat(chain.getFirst().getClass().getName()).isEqualTo("dev.switchboard.gateway.system.EdgeWebFilters");
		assertThat(chain).noneMatch((filter) -> filter instanceof RequestIdWebFilter
				|| filter instanceof AccessLogWebFilter || filter instanceof ErrorBoundaryWebFilter);
	}

}
