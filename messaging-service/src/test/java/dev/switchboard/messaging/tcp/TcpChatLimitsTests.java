package dev.switchboard.messaging.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.switchboard.messaging.LineClient;
import dev.switchboard.messaging.MessagingIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCP line chat against hostile clients: one that never signs in, one that sends
 * invalid UTF-8, one that stops reading while a room is busy. The sign-in timeout is
 * shortened to 8 s (every other test here signs in well before); the server's budget per
 * connection is 64 KB; one connection may send a burst of 1,000 lines, enough to get past
 * what the kernel buffers for a client that reads nothing (a few MB on Linux's loopback).
 */
@TestPropertySource(
		properties = { "switchboard.messaging.tcp.sign-in-timeout=8s", "switchboard.messaging.chat.rate-burst=1000" })
class TcpChatLimitsTests extends MessagingIntegrationTest {

	@Autowired
	private MeterRegistry meters;

	@Test
	void shouldCloseAConnectionThatDoesNotSignInInTimeSayingWhy() throws IOException {
		double before = refusals("sign-in-timeout");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.chatPort)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write("/help\n".getBytes(StandardCharsets.UTF_8));
			List<String> lines = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.lines()
				.toList();
			assertThat(lines.getFirst()).contains("/help");
			assertThat(lines).contains("Commands:");
			assertThat(lines.getLast()).as("the last line, before the server closed")
				.isEqualTo("ERROR Not signed in within 8s: sign in with /auth <token> or /nick NAME right after "
						+ "connecting. Closing the connection.");
		}
		assertThat(refusals("sign-in-timeout")).isEqualTo(before + 1);
	}

	@Test
	void shouldAnswerInvalidUtf8WithAnErrorLineAndCarryOn() throws IOException {
		double before = refusals("invalid-utf8");
		List<byte[]> invalid = List.of(new byte[] { 'B', (byte) 0xc0, (byte) 0xaf },
				new byte[] { (byte) 0xe0, (byte) 0x80, (byte) 0xaf },
				new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, new byte[] { (byte) 0x80 },
				new byte[] { 'c', (byte) 0xe2, (byte) 0x82 },
				new byte[] { (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
				new byte[] { (byte) 0xfc, (byte) 0x84, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80 });
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.chatPort)) {
			socket.setSoTimeout(10_000);
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			OutputStream output = socket.getOutputStream();
			assertThat(reader.readLine()).contains("/help");
			String guest = uniqueNickname("héloïse");
			output.write(("/nick " + guest + "\n").getBytes(StandardCharsets.UTF_8));
			assertThat(reader.readLine()).isEqualTo("OK you are " + guest + " (guest)");
			assertThat(reader.readLine()).startsWith("Online: ");
			for (byte[] line : invalid) {
				output.write(line);
				output.write('\n');
				assertThat(reader.readLine()).startsWith("ERROR line is not valid UTF-8: ")
					.endsWith("; the line was ignored.");
			}
			output.write("/who\n".getBytes(StandardCharsets.UTF_8));
			assertThat(reader.readLine()).as("the connection carries on").startsWith("Online: ").contains(guest);
		}
		assertThat(refusals("invalid-utf8")).isEqualTo(before + invalid.size());
	}

	@Test
	void shouldDisconnectAReaderThatStopsReadingWhileTheOthersGetEveryLine() throws IOException {
		String room = uniqueNickname("busy");
		String sender = uniqueNickname("sender");
		String stalledNickname = uniqueNickname("stalled");
		double before = refusals("write-budget");
		AtomicBoolean stalledLeft = new AtomicBoolean();
		try (LineClient writer = signedIn(sender, room);
				LineClient first = signedIn(uniqueNickname("first"), room);
				LineClient second = signedIn(uniqueNickname("second"), room);
				Socket stalled = new Socket()) {
			stalled.setReceiveBufferSize(4096);
			stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.chatPort), 5000);
			stalled.getOutputStream()
				.write(("/nick " + stalledNickname + "\n/join #" + room + "\n").getBytes(StandardCharsets.UTF_8));
			first.nextMatching((line) -> line.equals("* " + stalledNickname + " is online"));
			second.nextMatching((line) -> line.equals("* " + stalledNickname + " is online"));
			String text = "é".repeat(3990); // about 8 KB a line, within the 4,000
											// characters of a message
			for (int i = 0; i < 1000 && !stalledLeft.get(); i++) {
				writer.send(i + " " + text);
				String expected = "[#" + room + "] " + sender + ": " + i + " " + text;
				// every line reaches the readers promptly (LineClient waits 10 s at most)
				assertThat(nextMessage(first, stalledNickname, stalledLeft)).isEqualTo(expected);
				assertThat(nextMessage(second, stalledNickname, new AtomicBoolean())).isEqualTo(expected);
			}
			assertThat(stalledLeft).as("the stalled reader was disconnected").isTrue();
		}
		assertThat(refusals("write-budget")).isEqualTo(before + 1);
	}

	/**
	 * Return the next chat line, noting on the way whether the stalled reader left.
	 */
	private static String nextMessage(LineClient client, String stalledNickname, AtomicBoolean stalledLeft) {
		return client.nextMatching((line) -> {
			if (line.equals("* " + stalledNickname + " left")) {
				stalledLeft.set(true);
			}
			return !line.startsWith("* ");
		});
	}

	private LineClient signedIn(String nickname, String room) {
		LineClient client = new LineClient(this.chatPort);
		client.next();
		client.send("/nick " + nickname);
		assertThat(client.nextReply()).isEqualTo("OK you are " + nickname + " (guest)");
		assertThat(client.nextReply()).startsWith("Online: ");
		client.send("/join #" + room);
		assertThat(client.nextReply()).isEqualTo("#" + room + " JOINED");
		return client;
	}

	private double refusals(String reason) {
		return this.meters.get("switchboard.socket.refusals")
			.tags("server", "chat", "reason", reason)
			.functionCounter()
			.count();
	}

}
