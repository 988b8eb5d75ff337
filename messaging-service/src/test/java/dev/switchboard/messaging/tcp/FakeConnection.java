package dev.switchboard.messaging.tcp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import org.jspecify.annotations.Nullable;

import dev.switchboard.socket.framing.Framing;
import dev.switchboard.socket.server.SocketConnection;

/**
 * A connection in memory: the test types lines, and sees every array the session sends
 * (the very instances).
 */
final class FakeConnection implements SocketConnection {

	private static final Object END = new Object();

	private final BlockingQueue<Object> typed = new LinkedBlockingQueue<>();

	final List<byte[]> sent = new CopyOnWriteArrayList<>();

	final List<String> refusals = new CopyOnWriteArrayList<>();

	volatile boolean closing;

	void type(String line) {
		this.typed.add(line);
	}

	void hangUp() {
		this.typed.add(END);
	}

	List<String> lines() {
		return this.sent.stream().map((bytes) -> new String(bytes, StandardCharsets.UTF_8).strip()).toList();
	}

	byte[] last() {
		return this.sent.getLast();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T read(Framing<T> framing) throws java.io.InterruptedIOException {
		try {
			Object line = this.typed.take();
			return (line == END) ? null : (T) line;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new java.io.InterruptedIOException();
		}
	}

	@Override
	public boolean send(byte[] bytes) {
		if (this.closing) {
			return false;
		}
		this.sent.add(bytes);
		return true;
	}

	@Override
	public void closeWhenSent() {
		this.closing = true;
		hangUp(); // as the socket server does: a blocked read then returns null
	}

	@Override
	public void countRefusal(String reason) {
		this.refusals.add(reason);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) {
		throw new UnsupportedOperationException("the chat only sends");
	}

	@Override
	public String serverName() {
		return "chat";
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return new InetSocketAddress(0);
	}

	@Override
	public int maxRequestSize() {
		return 16 * 1024;
	}

	@Override
	public long unsentBytes() {
		return 0;
	}

	@Override
	public boolean isOpen() {
		return !this.closing;
	}

	@Override
	public void close() {
		this.closing = true;
	}

}
