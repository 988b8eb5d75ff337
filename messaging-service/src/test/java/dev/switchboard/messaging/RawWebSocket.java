package dev.switchboard.messaging;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client written on a plain socket, frame by frame (RFC 6455): it sends
 * exactly the frames a test writes and nothing else (no automatic pong, no close
 * handshake), and reads the server's frames as they are on the wire, control frames
 * included.
 */
public final class RawWebSocket implements AutoCloseable {

	/** Opcode of a text frame. */
	public static final int TEXT = 0x1;

	/** Opcode of a close frame. */
	public static final int CLOSE = 0x8;

	/** Opcode of a ping frame. */
	public static final int PING = 0x9;

	/** Opcode of a pong frame. */
	public static final int PONG = 0xA;

	private static final SecureRandom random = new SecureRandom();

	private final Socket socket;

	private final DataInputStream input;

	private final OutputStream output;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.input = new DataInputStream(socket.getInputStream());
		this.output = socket.getOutputStream();
	}

	/**
	 * Open a connection and complete the opening handshake.
	 * @param port the server's port on 127.0.0.1
	 * @param path the WebSocket's path
	 * @return the client, upgraded
	 */
	public static RawWebSocket open(int port, String path) {
		try {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(10_000);
			RawWebSocket client = new RawWebSocket(socket);
			client.handshake(port, path);
			return client;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void handshake(int port, String path) throws IOException {
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
		this.output.write(request.getBytes(StandardCharsets.US_ASCII));
		this.output.flush();
		String head = readHead();
		if (!head.startsWith("HTTP/1.1 101")) {
			throw new IllegalStateException("Not upgraded: " + head);
		}
	}

	private String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int b = this.input.read();
			if (b < 0) {
				throw new IOException("Closed during the handshake: " + head);
			}
			head.write(b);
			matched = (b == end[matched]) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	/**
	 * Send a text frame.
	 * @param text the text
	 */
	public void sendText(String text) {
		send(TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send a ping frame.
	 * @param payload its application data (at most 125 bytes)
	 */
	public void sendPing(byte[] payload) {
		send(PING, payload);
	}

	/**
	 * Send one unfragmented frame, masked as a client must.
	 * @param opcode the opcode
	 * @param payload the payload
	 */
	public void send(int opcode, byte[] payload) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x80 | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length);
		}
		else {
			throw new IllegalArgumentException("Payload too large for this client");
		}
		byte[] mask = new byte[4];
		random.nextBytes(mask);
		frame.writeBytes(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		try {
			this.output.write(frame.toByteArray());
			this.output.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read the next frame, waiting at most the given time.
	 * @param timeout how long to wait for it
	 * @return the frame
	 * @throws AssertionError when no frame arrives in time
	 */
	public Frame next(Duration timeout) {
		try {
			this.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
			int first = this.input.readUnsignedByte();
			int second = this.input.readUnsignedByte();
			long length = second & 0x7F;
			if (length == 126) {
				length = this.input.readUnsignedShort();
			}
			else if (length == 127) {
				length = this.input.readLong();
			}
			byte[] payload = new byte[Math.toIntExact(length)];
			this.input.readFully(payload);
			return new Frame(first & 0x0F, payload);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("No frame within " + timeout.toMillis() + " ms");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read frames until one has the given opcode, all within the given time.
	 * @param opcode the opcode wanted
	 * @param timeout how long to wait for it in all
	 * @return the frame
	 * @throws AssertionError when none arrives in time
	 */
	public Frame nextOfType(int opcode, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Duration left = Duration.ofNanos(deadline - System.nanoTime());
			if (left.isNegative() || left.isZero()) {
				throw new AssertionError("No frame of opcode " + opcode + " within " + timeout.toMillis() + " ms");
			}
			Frame frame = next(left);
			if (frame.opcode() == opcode) {
				return frame;
			}
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * A frame received from the server (servers never mask).
	 *
	 * @param opcode the opcode
	 * @param payload the payload
	 */
	public record Frame(int opcode, byte[] payload) {

		/**
		 * Return the payload as UTF-8 text.
		 * @return the text
		 */
		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

}
