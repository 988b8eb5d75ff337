package dev.switchboard.socket.diagnostics;

import java.net.BindException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContextException;

import dev.switchboard.socket.server.PortInUseException;
import dev.switchboard.socket.server.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortInUseFailureAnalyzer}.
 */
class PortInUseFailureAnalyzerTests {

	@Test
	void shouldNameThePortAndThePropertyThatMovesIt() {
		Exception failure = new ApplicationContextException("Failed to start bean 'socketServersBootstrap'",
				new PortInUseException("contacts", 3001, Transport.TCP, new BindException("Address already in use")));
		FailureAnalysis analysis = new PortInUseFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription())
			.isEqualTo("Socket server 'contacts' failed to start: TCP port 3001 is already in use.");
		assertThat(analysis.getAction()).contains("port 3001")
			.contains("switchboard.socket.servers.contacts.port")
			.contains("SWITCHBOARD_SOCKET_SERVERS_CONTACTS_PORT");
	}

}
