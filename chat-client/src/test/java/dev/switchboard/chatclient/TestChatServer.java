package dev.switchboard.chatclient;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket server on the loopback for the client's tests (the JDK has a WebSocket
 * client but no server): the opening handshake of RFC 6455, then text, close and ping
 * frames, nothing more. Each connection is handed to the test as a {@link Peer}, which
 * reads what the client sent and answers, closes or drops it.
 */
final class TestChatServer implements AutoCloseable {

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final long WAIT_SECONDS = 10;

	private final ServerSocket server;

	private final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();

	private final AtomicInteger connections = new AtomicInteger();

	private volatile int handshakeStatus = 101;

	TestChatServer() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("test-chat-server").start(this::accept);
	}

	/**
	 * Return the chat's URL.
	 * @return {@code ws://127.0.0.1:<port>/ws/chat}
	 */
	URI url() {
		return URI.create("ws://127.0.0.1:" + this.server.getLocalPort() + "/ws/chat");
	}

	/**
	 * Return the next connection whose handshake succeeded, waiting for it.
	 * @return the connection
	 * @throws InterruptedException when interrupted
	 */
	Peer nextPeer() throws InterruptedException {
		Peer peer = this.peers.poll(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(peer).as("a connection to the test server").isNotNull();
		return peer;
	}

	/**
	 * Return how many connections were accepted, refused handshakes included.
	 * @return the count
	 */
	int connections() {
		return this.connections.get();
	}

	/**
	 * From now on, answer every handshake with 503, as a gateway does while the chat is
	 * down.
	 */
	void refuseHandshakes() {
		this.handshakeStatus = 503;
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Peer peer : this.peers) {
			peer.drop();
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.connections.incrementAndGet();
				Thread.ofPlatform().daemon().name("test-chat-peer").start(() -> serve(socket));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket socket) {
		try {
			Peer peer = new Peer(socket);
			if (peer.handshake(this.handshakeStatus)) {
				this.peers.add(peer);
				peer.readFrames();
			}
		}
		catch (IOException ex) {
			// the client or the test ended the connection
		}
	}

	/**
	 * One client connection, seen from the server.
	 */
	static final class Peer {

		private final Socket socket;

		private final DataInputStream in;

		private final OutputStream out;

		private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		private final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();

		private volatile boolean closeSent;

		private volatile boolean mute;

		Peer(Socket socket) throws IOException {
			this.socket = socket;
			this.in = new DataInputStream(socket.getInputStream());
			this.out = socket.getOutputStream();
		}

		/**
		 * Return the next text frame the client sent, waiting for it.
		 * @return the frame's text
		 * @throws InterruptedException when interrupted
		 */
		String next() throws InterruptedException {
			String text = this.received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(text).as("a frame from the client").isNotNull();
			return text;
		}

		/**
		 * Return the next text frame the client sent, parsed.
		 * @return the frame's members
		 * @throws InterruptedException when interrupted
		 */
		Map<String, Object> nextFrame() throws InterruptedException {
			return Json.parseObject(next());
		}

		/**
		 * Return the text frames received and not read yet.
		 * @return the frames' texts
		 */
		List<String> received() {
			return List.copyOf(this.received);
		}

		/**
		 * Return the status of the close frame the client sent, waiting for it.
		 * @return the status code
		 * @throws InterruptedException when interrupted
		 */
		int closeCode() throws InterruptedException {
			Integer code = this.closeCodes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
			assertThat(code).as("a close frame from the client").isNotNull();
			return code;
		}

		/**
		 * Send a text frame.
		 * @param text the frame's text
		 * @throws IOException when the connection is closed
		 */
		void send(String text) throws IOException {
			write(0x1, text.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * Close the connection in order: a close frame, answered by the client's.
		 * @param code the status code
		 * @param reason the reason
		 * @throws IOException when the connection is closed
		 */
		void close(int code, String reason) throws IOException {
			byte[] text = reason.getBytes(StandardCharsets.UTF_8);
			byte[] payload = new byte[2 + text.length];
			payload[0] = (byte) (code >> 8);
			payload[1] = (byte) code;
			System.arraycopy(text, 0, payload, 2, text.length);
			this.closeSent = true;
			write(0x8, payload);
		}

		/**
		 * From now on, answer nothing, not even pings, as a connection whose network
		 * dropped without a reset.
		 */
		void mute() {
			this.mute = true;
		}

		/**
		 * Drop the connection without a close frame, as a server that dies does.
		 */
		void drop() {
			try {
				this.socket.setSoLinger(true, 0);
				this.socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}

		private synchronized void write(int opcode, byte[] payload) throws IOException {
			ByteArrayOutputStream frame = new ByteArrayOutputStream();
			frame.write(0x80 | opcode);
			if (payload.length < 126) {
				frame.write(payload.length);
			}
			else {
				frame.write(126);
				frame.write(payload.length >> 8);
				frame.write(payload.length);
			}
			frame.write(payload);
			this.out.write(frame.toByteArray());
			this.out.flush();
		}

		private boolean handshake(int status) throws IOException {
			String key = null;
			for (String line = readLine(); !line.isEmpty(); line = readLine()) {
				int colon = line.indexOf(':');
				if (colon > 0
						&& line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
					key = line.substring(colon + 1).strip();
				}
			}
			if (key == null) {
				throw new IOException("Not a WebSocket handshake");
			}
			if (status != 101) {
				this.out.write(("HTTP/1.1 " + status + " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				this.out.flush();
				this.socket.close();
				return false;
			}
			String accept;
			try {
				accept = Base64.getEncoder()
					.encodeToString(MessageDigest.getInstance("SHA-1")
						.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
			synchronized (this) {
				this.out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
						+ "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				this.out.flush();
			}
			return true;
		}

		private String readLine() throws IOException {
			StringBuilder line = new StringBuilder();
			for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
				if (c < 0) {
					throw new EOFException();
				}
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		/** Read the client's frames (masked, as RFC 6455 requires) until it closes. */
		private void readFrames() throws IOException {
			ByteArrayOutputStream message = new ByteArrayOutputStream();
			while (true) {
				int first = this.in.readUnsignedByte();
				int second = this.in.readUnsignedByte();
				long length = second & 0x7F;
				if (length == 126) {
					length = this.in.readUnsignedShort();
				}
				else if (length == 127) {
					length = this.in.readLong();
				}
				byte[] mask = new byte[4];
				if ((second & 0x80) != 0) {
					this.in.readFully(mask);
				}
				byte[] payload = new byte[(int) length];
				this.in.readFully(payload);
				for (int i = 0; i < payload.length; i++) {
					payload[i] ^= mask[i % 4];
				}
				int opcode = first & 0x0F;
				if (opcode == 0x1 || opcode == 0x0) {
					message.write(payload);
					if ((first & 0x80) != 0) {
						this.received.add(message.toString(StandardCharsets.UTF_8));
						message.reset();
					}
				}
				else if (opcode == 0x8) {
					this.closeCodes
						.add((payload.length >= 2) ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005);
					if (!this.closeSent) {
						this.closeSent = true;
						write(0x8, (payload.length >= 2) ? new byte[] { payload[0], payload[1] } : new byte[0]);
					}
					this.socket.close();
					return;
				}
				else if (opcode == 0x9 && !this.mute) {
					write(0xA, payload);
				}
			}
		}

	}

}
