package dev.switchboard.gateway.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter.Type;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRoutingFilterTests {

	private final RemoveHopByHopHeadersFilter hopByHop = new RemoveHopByHopHeadersFilter();

	private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x")
		.header("Connection", "keep-alive, X-Client-Hop")
		.header("X-Client-Hop", "secret")
		.header("Keep-Alive", "timeout=5")
		.header("Proxy-Authorization", "Basic c2VjcmV0")
		.header("TE", "trailers")
		.header("Upgrade", "h2c")
		.header("Accept", "application/json")
		.header("X-Custom", "one", "two"));

	@Test
	void shouldKeepEveryHeaderFilterButTheTwoThatCopyInItsPlace() {
		XForwardedHeadersFilter xForwarded = new XForwardedHeadersFilter(".*");
		TransferEncodingNormalizationHeadersFilter transferEncoding = new TransferEncodingNormalizationHeadersFilter();
		DownstreamHeadersFilter downstream = new DownstreamHeadersFilter();
		List<HttpHeadersFilter> filters = ServiceRoutingFilter.withoutCopies(
				List.of(new RemoveForwardedHeadersFilter(), xForwarded, transferEncoding, this.hopByHop, downstream));

		assertThat(filters).hasSize(5);
		assertThat(filters.get(0)).isSameAs(xForwarded);
		assertThat(filters.get(1)).isSameAs(transferEncoding);
		assertThat(filters.get(2))
			.isEqualTo(new ServiceRoutingFilter.HopByHopHeaders(this.hopByHop.getHeaders(), this.hopByHop.getOrder()));
		assertThat(filters.get(3)).isSameAs(downstream);
		assertThat(filters.get(4)).as("last: the headers as the routing filter reads them")
			.isInstanceOf(ServiceRoutingFilter.CopiedHeaders.Filter.class);
	}

	@Test
	void shouldKeepTheForwardedFilterWhenNothingElseRemovesThatHeader() {
		RemoveForwardedHeadersFilter forwarded = new RemoveForwardedHeadersFilter();
		assertThat(ServiceRoutingFilter.withoutCopies(List.of(forwarded, this.hopByHop))).hasSize(3)
			.first()
			.isSameAs(forwarded);
	}

	@Test
	void shouldRemoveWhatSpringCloudGatewaysFilterRemovesFromARequest() {
		HttpHeaders expected = this.hopByHop.filter(this.exchange.getRequest().getHeaders(), this.exchange);
		HttpHeaders copy = HttpHeaders.copyOf(this.exchange.getRequest().getHeaders());

		HttpHeaders filtered = inPlace().filter(copy, this.exchange);

		assertThat(filtered).as("the copy it was given, changed in place").isSameAs(copy);
		assertThat(filtered.toSingleValueMap()).isEqualTo(expected.toSingleValueMap());
		assertThat(filtered.headerNames()).containsExactlyInAnyOrder("Accept", "X-Custom");
		assertThat(filtered.get("X-Custom")).containsExactly("one", "two");
	}

	@Test
	void shouldCopyTheRequestsOwnHeadersRatherThanChangeThem() {
		HttpHeaders own = this.exchange.getRequest().getHeaders();

		HttpHeaders filtered = inPlace().filter(own, this.exchange);

		assertThat(filtered).isNotSameAs(own);
		assertThat(filtered.headerNames()).containsExactlyInAnyOrder("Accept", "X-Custom");
		assertThat(own.headerNames()).contains("Connection", "X-Client-Hop", "Keep-Alive");
	}

	@Test
	void shouldRemoveTheHopByHopHeadersOfAnAnswer() {
		HttpHeaders answer = new HttpHeaders();
		answer.add("Connection", "X-Service-Hop");
		answer.add("X-Service-Hop", "this connection only");
		answer.add("Keep-Alive", "timeout=60");
		answer.add("Transfer-Encoding", "chunked");
		answer.add("Content-Type", "application/json");
		HttpHeadersFilter filter = inPlace();

		assertThat(filter.supports(Type.RESPONSE)).isTrue();
		assertThat(filter.filter(answer, this.exchange).headerNames()).containsExactly("Content-Type");
	}

	@Test
	void shouldHandOnCopiedHeadersEntryByEntryAsSpringWould() {
		HttpHeaders copy = HttpHeaders.copyOf(this.exchange.getRequest().getHeaders());
		copy.add("x-custom", "three");
		HttpHeadersFilter last = new ServiceRoutingFilter.CopiedHeaders.Filter();

		HttpHeaders handedOn = last.filter(copy, this.exchange);

		assertThat(handedOn).isInstanceOf(ServiceRoutingFilter.CopiedHeaders.class);
		assertThat(last.filter(handedOn, this.exchange)).isSameAs(handedOn);
		assertThat(last.supports(Type.RESPONSE)).isTrue();
		Map<String, List<String>> expected = new LinkedHashMap<>();
		copy.forEach(expected::put);
		Map<String, List<String>> seen = new LinkedHashMap<>();
		handedOn.forEach(seen::put);
		assertThat(seen).containsExactlyEntriesOf(expected);
		assertThat(seen.get("X-Custom")).containsExactly("one", "two", "three");
		HttpHeaders answer = new HttpHeaders();
		answer.addAll(handedOn);
		assertThat(answer.toSingleValueMap()).isEqualTo(copy.toSingleValueMap());
	}

	@Test
	void shouldLeaveTheRequestsOwnHeadersAsTheyAre() {
		HttpHeaders own = this.exchange.getRequest().getHeaders();
		assertThat(new ServiceRoutingFilter.CopiedHeaders.Filter().filter(own, this.exchange)).isSameAs(own);
	}

	private HttpHeadersFilter inPlace() {
		return new ServiceRoutingFilter.HopByHopHeaders(Set.copyOf(this.hopByHop.getHeaders()),
				this.hopByHop.getOrder());
	}

}
