package dev.switchboard.chatclient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChatClient} against a hostile server on the loopback: what the server
 * answers reaches the terminal with its control characters made visible.
 */
class ChatClientTests {

	private HttpServer server;

	@BeforeEach
	void startAServerThatRefusesEverySignUpWithEscapeSequences() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/users", (exchange) -> {
			byte[] body = ("{\"status\":409,\"detail\":\"taken\\u001b]0;owned\\u0007\\u001b[2J\\u202eevil\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
			exchange.sendResponseHeaders(409, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopTheServer() {
		this.server.stop(0);
	}

	@Test
	void shouldPrintASignUpRefusalWithItsControlCharactersVisible() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		String url = "ws://127.0.0.1:" + this.server.getAddress().getPort() + "/ws/chat";
		int exit = ChatClient.run(new String[] { "--url", url, "--nickname", "alice" }, Map.of(),
				new ByteArrayInputStream(new byte[0]), new PrintStream(printed, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(1);
		String output = printed.toString(StandardCharsets.UTF_8);
		assertThat(output.lines()).containsExactly("Welcome to Messenger !",
				"! Sign-up refused: taken^[]0;owned^G^[[2Jevil");
	}

}
