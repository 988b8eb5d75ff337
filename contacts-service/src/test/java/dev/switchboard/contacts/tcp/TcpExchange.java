package dev.switchboard.contacts.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test client of the contacts protocol: sends bytes as the course's client does (no
 * delimiter, no half-close) and reads the reply until the server closes.
 */
public final class TcpExchange {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TcpExchange() {
	}

	public static String raw(int port, byte[] request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(60_000);
			socket.getOutputStream().write(request);
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static JsonNode send(int port, String request) {
		return JSON.readTree(raw(port, request.getBytes(StandardCharsets.UTF_8)));
	}

	public static JsonNode send(int port, byte[] request) {
		return JSON.readTree(raw(port, request));
	}

}
