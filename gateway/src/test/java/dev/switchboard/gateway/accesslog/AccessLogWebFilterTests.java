package dev.switchboard.gateway.accesslog;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.switchboard.gateway.requestid.RequestIdWebFilter;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.handler.DefaultWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogWebFilterTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLogWebFilter.LOGGER);

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@BeforeEach
	void captureLines() {
		this.lines.start();
		this.logger.addAppender(this.lines);
	}

	@AfterEach
	void stopCapturing() {
		this.logger.detachAppender(this.lines);
	}

	@Test
	void shouldLogOneLineWithTheStatusTheClientGotAndTheRequestId() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/echo/x?secret=1")
			.header("X-Request-Id", "log-1")
			.remoteAddress(new InetSocketAddress("192.0.2.7", 40123)));
		run(exchange, (answered) -> {
			answered.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
			return answered.getResponse().setComplete();
		});
		assertThat(this.lines.list).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.matches("GET /api/echo/x status=404 duration=\\d+\\.\\dms requestId=log-1 client=192\\.0\\.2\\.7:40123");
	}

	@Test
	void shouldLog101ForAWebSocketTheGatewayAccepted() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/ws/chat").header("Upgrade", "websocket"));
		run(exchange, (answered) -> Mono.empty());
		assertThat(this.lines.list).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.startsWith("GET /ws/chat status=101 ");
	}

	@Test
	void shouldMarkARequestTheClientGaveUpOn() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/random/slow"));
		DefaultWebFilterChain chain = new DefaultWebFilterChain((answered) -> Mono.never(),
				List.of(new RequestIdWebFilter(), new AccessLogWebFilter()));
		Disposable request = chain.filter(exchange).subscribe();
		request.dispose();
		assertThat(this.lines.list).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.startsWith("GET /api/random/slow status=200 ")
			.endsWith(" cancelled=true");
	}

	private static void run(MockServerWebExchange exchange, WebHandler handler) {
		List<WebFilter> filters = List.of(new RequestIdWebFilter(), new AccessLogWebFilter());
		new DefaultWebFilterChain(handler, filters).filter(exchange).block(Duration.ofSeconds(5));
	}

}
