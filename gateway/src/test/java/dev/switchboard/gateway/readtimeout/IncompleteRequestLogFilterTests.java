package dev.switchboard.gateway.readtimeout;

import java.net.ConnectException;
import java.time.Duration;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor Netty's warnings about service connections: those caused by a client's
 * unfinished request are dropped, every other one is kept.
 */
class IncompleteRequestLogFilterTests {

	private final Logger logger = new LoggerContext().getLogger("reactor.netty.http.client.HttpClientConnect");

	private final IncompleteRequestLogFilter filter = new IncompleteRequestLogFilter();

	@Test
	void shouldDropTheWarningsAboutAClientThatStoppedSending() {
		assertThat(this.filter.decide(warning(new RequestReadTimeoutException(Duration.ofSeconds(20)))))
			.isEqualTo(FilterReply.DENY);
		assertThat(this.filter.decide(warning(IncompleteRequestException.closedByClient())))
			.isEqualTo(FilterReply.DENY);
	}

	@Test
	void shouldKeepTheWarningsAboutTheServiceConnection() {
		assertThat(this.filter.decide(warning(new ConnectException("Connection refused"))))
			.isEqualTo(FilterReply.NEUTRAL);
		assertThat(this.filter.decide(warning(null))).isEqualTo(FilterReply.NEUTRAL);
	}

	private LoggingEvent warning(Throwable error) {
		return new LoggingEvent(Logger.FQCN, this.logger, Level.WARN, "The connection observed an error", error, null);
	}

}
