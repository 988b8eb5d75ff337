package dev.switchboard.gateway.system;

import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.switchboard.gateway.problem.ProblemJsonErrorHandler;
import dev.switchboard.gateway.system.SwitchboardGatewayProperties.TcpPorts;

import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeWebFiltersTests {

	private final Logger accessLogger = (Logger) LoggerFactory.getLogger("dev.switchboard.gateway.access");

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@BeforeEach
	void captureAccessLines() {
		this.lines.start();
		this.accessLogger.addAppender(this.lines);
	}

	@AfterEach
	void stopCapturing() {
		this.accessLogger.detachAppender(this.lines);
	}

	@Test
	void shouldAnswerAnErrorWithTheRequestIdAndLogTheStatusTheClientGot() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/no/such/path").header("X-Request-Id", "edge-1"));
		filters(true).filter(exchange, (routed) -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(exchange.getResponse().getHeaders().get("X-Request-Id")).containsExactly("edge-1");
		assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
			.contains("\"requestId\":\"edge-1\"");
		assertThat(this.lines.list).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.startsWith("GET /no/such/path status=404 ")
			.contains(" requestId=edge-1 ");
	}

	@Test
	void shouldWriteNoAccessLineWhenTheAccessLogIsOff() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/no/such/path"));
		filters(false).filter(exchange, (routed) -> Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)))
			.block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(exchange.getResponse().getHeaders().getFirst("X-Request-Id")).hasSize(36);
		assertThat(this.lines.list).isEmpty();
	}

	@Test
	void shouldPassAnAnswerThroughWithItsRequestId() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/random/int"));
		filters(true).filter(exchange, (routed) -> {
			routed.getResponse().setStatusCode(HttpStatus.CREATED);
			return routed.getResponse().setComplete();
		}).block(Duration.ofSeconds(5));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(exchange.getResponse().getHeaders().getFirst("X-Request-Id")).hasSize(36);
		assertThat(this.lines.list).singleElement()
			.extracting(ILoggingEvent::getFormattedMessage)
			.asString()
			.startsWith("GET /api/random/int status=201 ");
	}

	private static EdgeWebFilters filters(boolean accessLog) {
		SwitchboardGatewayProperties properties = new SwitchboardGatewayProperties(Map.of(), Duration.ofSeconds(1), 3,
				new TcpPorts(3000, 3001, 3002, 3007), "", accessLog, Duration.ofSeconds(20), Duration.ofSeconds(1));
		return new EdgeWebFilters(properties, new ProblemJsonErrorHandler(ServerCodecConfigurer.create()));
	}

}
