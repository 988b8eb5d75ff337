package dev.switchboard.socket.diagnostics;

import java.util.Locale;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.switchboard.socket.server.PortInUseException;

/**
 * Explains a socket server whose port is taken, and which property moves it.
 */
class PortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
		String name = cause.getServerName();
		String environmentVariable = "SWITCHBOARD_SOCKET_SERVERS_" + name.toUpperCase(Locale.ROOT).replace('-', '_')
				+ "_PORT";
		return new FailureAnalysis(
				"Socket server '" + name + "' failed to start: " + cause.getTransport() + " port " + cause.getPort()
						+ " is already in use.",
				"Identify and stop the process that is listening on port " + cause.getPort()
						+ ", or move this server with the property switchboard.socket.servers." + name
						+ ".port (environment variable " + environmentVariable + ").",
				cause);
	}

}
