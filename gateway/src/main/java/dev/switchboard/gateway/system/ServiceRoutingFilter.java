package dev.switchboard.gateway.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud Gateway's HTTP routing filter (in its place:
 * {@code global-filter.netty-routing.enabled: false}), with the same header filters, two
 * of which no longer copy the headers:
 * <ul>
 * <li>the hop-by-hop headers (the same names, and those a {@code Connection} header
 * lists) are removed from the copy an earlier filter made (Spring Cloud Gateway's
 * X-Forwarded filter always makes one), and from the service's answer, which the routing
 * filter has just copied, rather than each copied once more;</li>
 * <li>a client's {@code Forwarded} header is removed by {@link DownstreamHeadersFilter},
 * which removes it anyway, not by a filter of its own that copies the headers for
 * it.</li>
 * </ul>
 * Each copy costs a case-insensitive map of every header: the three were about 7 % of the
 * gateway's CPU time per proxied request (JFR under {@code bench/run.sh gateway}). The
 * headers the filters hand on, both ways, are then read entry by entry
 * ({@link CopiedHeaders}). The WebSocket relay keeps Spring Cloud Gateway's filters as
 * they are.
 *
 * @see ServiceRoutingConfiguration
 */
class ServiceRoutingFilter extends NettyRoutingFilter {

	private volatile @Nullable List<HttpHeadersFilter> filters;

	ServiceRoutingFilter(HttpClient httpClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
			HttpClientProperties properties) {
		super(httpClient, headersFilters, properties);
	}

	@Override
	public @Nullable List<HttpHeadersFilter> getHeadersFilters() {
		List<HttpHeadersFilter> filters = this.filters;
		if (filters == null) {
			List<HttpHeadersFilter> all = super.getHeadersFilters();
			if (all == null) {
				return null;
			}
			filters = withoutCopies(all);
			this.filters = filters;
		}
		return filters;
	}

	/**
	 * The header filters, in their order, with the hop-by-hop filter in place of Spring
	 * Cloud Gateway's and no filter only for the {@code Forwarded} header when
	 * {@link DownstreamHeadersFilter} removes it.
	 * @param all every header filter, in order
	 * @return the filters this routing filter applies
	 */
	static List<HttpHeadersFilter> withoutCopies(List<HttpHeadersFilter> all) {
		boolean forwardedRemoved = all.stream().anyMatch(DownstreamHeadersFilter.class::isInstance);
		List<HttpHeadersFilter> filters = new ArrayList<>(all.size());
		for (HttpHeadersFilter filter : all) {
			if (filter instanceof RemoveHopByHopHeadersFilter hopByHop) {
				filters.add(new HopByHopHeaders(hopByHop.getHeaders(), hopByHop.getOrder()));
			}
			else if (!(forwardedRemoved && filter instanceof RemoveForwardedHeadersFilter)) {
				filters.add(filter);
			}
		}
		// last: the headers as the routing filter reads them
		filters.add(new CopiedHeaders.Filter());
		return List.copyOf(filters);
	}

	/**
	 * Headers the header filters copied (into a new {@link HttpHeaders}: a
	 * case-insensitive map, in which a name is at most once), read entry by entry.
	 * Spring's {@code HttpHeaders.forEach}, which the routing filter uses to hand the
	 * request's headers to the HTTP client and the answer's to the client's response,
	 * first gathers the names again into a new case-insensitive set, for maps that may
	 * hold a name in two cases: 3 % of the gateway's CPU time per proxied request, for
	 * maps that cannot.
	 */
	static final class CopiedHeaders extends HttpHeaders {

		CopiedHeaders(HttpHeaders copy) {
			super(copy);
		}

		@Override
		public void forEach(BiConsumer<? super String, ? super List<String>> action) {
			asMultiValueMap().forEach(action);
		}

		/**
		 * Last of the routing filter's header filters, both ways: the headers the filters
		 * before it copied, as {@link CopiedHeaders}; the request's own headers (when no
		 * filter copied them) as they are.
		 */
		record Filter() implements HttpHeadersFilter {

			@Override
			public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
				if (input instanceof CopiedHeaders || input == exchange.getRequest().getHeaders()) {
					return input;
				}
				return new CopiedHeaders(input);
			}

			@Override
			public boolean supports(Type type) {
				return type == Type.REQUEST || type == Type.RESPONSE;
			}

		}

	}

	/**
	 * Removes the hop-by-hop headers, as Spring Cloud Gateway's filter does, from headers
	 * this request may change: a request's once an earlier filter has copied them, a
	 * service's answer as the routing filter copied it.
	 */
	record HopByHopHeaders(Set<String> names, int order) implements HttpHeadersFilter, Ordered {

		@Override
		public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
			HttpHeaders headers = DownstreamHeadersFilter.writable(input, exchange);
			List<String> listed = headers.getConnection();
			for (String name : this.names) {
				headers.remove(name);
			}
			for (String name : listed) {
				headers.remove(name);
			}
			return headers;
		}

		@Override
		public boolean supports(Type type) {
			return type == Type.REQUEST || type == Type.RESPONSE;
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
