package dev.switchboard.gateway.readtimeout;

import java.util.Set;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops Reactor Netty's warning that a connection to a service "observed an error" when
 * the error is a client's unfinished request: the request was refused (408) and counted
 * already, and a client that stalls on purpose would otherwise write three lines of
 * warning into the log each time. Every other error on a service connection is kept.
 */
public class IncompleteRequestLogFilter extends Filter<ILoggingEvent> {

	private static final Set<String> CLIENT_FAILURES = Set.of(IncompleteRequestException.class.getName(),
			RequestReadTimeoutException.class.getName());

	@Override
	public FilterReply decide(ILoggingEvent event) {
		IThrowableProxy error = event.getThrowableProxy();
		return (error != null && CLIENT_FAILURES.contains(error.getClassName())) ? FilterReply.DENY
				: FilterReply.NEUTRAL;
	}

}
