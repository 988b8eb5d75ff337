package dev.switchboard.service.requestid;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

	private final RequestIdFilter filter = new RequestIdFilter();

	@Test
	void shouldKeepTheGatewaysRequestIdInTheLogsAndTheAnswer() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things/1");
		request.addHeader("X-Request-Id", "client-42.abc:7");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<String> logged = new AtomicReference<>();
		this.filter.doFilter(request, response, new MockFilterChain(new LoggingServlet(logged)));
		assertThat(logged).hasValue("client-42.abc:7");
		assertThat(response.getHeader("X-Request-Id")).isEqualTo("client-42.abc:7");
		assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
	}

	@Test
	void shouldGiveARequestWithoutAnAcceptableIdANewVersion4Uuid() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things/1");
		request.addHeader("X-Request-Id", "bad id\twith tab");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<String> logged = new AtomicReference<>();
		this.filter.doFilter(request, response, new MockFilterChain(new LoggingServlet(logged)));
		String id = response.getHeader("X-Request-Id");
		assertThat(UUID.fromString(id).version()).isEqualTo(4);
		assertThat(logged).hasValue(id);
		assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
	}

	/**
	 * Notes the request id the logs carry while the request is served.
	 */
	private static final class LoggingServlet extends HttpServlet {

		private final AtomicReference<String> logged;

		LoggingServlet(AtomicReference<String> logged) {
			this.logged = logged;
		}

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) {
			this.logged.set(MDC.get(RequestIdFilter.MDC_KEY));
		}

	}

}
