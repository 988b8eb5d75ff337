package dev.switchboard.socket.echo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.switchboard.socket.server.Refusals;
import dev.switchboard.socket.server.SocketHandler;
import dev.switchboard.socket.server.SocketServer;
import dev.switchboard.socket.server.SocketServerSettings;
import dev.switchboard.socket.virtualthreads.VirtualThreadSocketServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo handlers on real sockets: the course echo is a text protocol and refuses
 * invalid UTF-8 with one error line, RFC 862 echoes any octet.
 */
class EchoHandlersTests {

	private static final byte[] PREFIX = CourseEchoHandler.DEFAULT_PREFIX.getBytes(StandardCharsets.UTF_8);

	private SocketServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void shouldEchoValidTextByteForByte() throws IOException {
		int port = start(new CourseEchoHandler(CourseEchoHandler.DEFAULT_PREFIX));
		byte[] text = "Héllo wörld 😀 \u0000 end".getBytes(StandardCharsets.UTF_8);
		byte[] expected = new byte[PREFIX.length + text.length];
		System.arraycopy(PREFIX, 0, expected, 0, PREFIX.length);
		System.arraycopy(text, 0, expected, PREFIX.length, text.length);
		assertThat(exchange(port, text, false)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "42616420c0af", "e080af", "eda080", "80", "e282", "636166e28220", "f888808080",
			"fc8480808080" })
	void shouldAnswerInvalidUtf8WithOneErrorLineThenClose(String hex) throws IOException {
		int port = start(new CourseEchoHandler(CourseEchoHandler.DEFAULT_PREFIX));
		String reply = new String(exchange(port, HexFormat.of().parseHex(hex), true), StandardCharsets.UTF_8);
		assertThat(reply).startsWith("ERROR request is not valid UTF-8: ").endsWith("\n").hasLineCount(1);
		assertThat(this.server.statistics().refusals(Refusals.INVALID_UTF8)).isOne();
	}

	@Test
	void shouldEchoAnyOctetOverRfc862() throws IOException {
		int port = start(new Rfc862EchoHandler());
		byte[] octets = HexFormat.of().parseHex("c0afeda080ff00fe80");
		assertThat(exchange(port, octets, true)).isEqualTo(octets);
	}

	private int start(SocketHandler handler) {
		SocketServerSettings settings = new SocketServerSettings("echo");
		settings.setAddress(InetAddress.getLoopbackAddress());
		settings.setPort(0);
		this.server = new VirtualThreadSocketServer(settings, handler, null);
		this.server.start();
		return this.server.address().getPort();
	}

	private static byte[] exchange(int port, byte[] message, boolean halfClose) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(message);
			if (halfClose) {
				socket.shutdownOutput(); // a sequence cut short is cut by the end of
											// input
			}
			return socket.getInputStream().readAllBytes();
		}
	}

}
