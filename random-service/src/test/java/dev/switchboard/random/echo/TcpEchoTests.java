package dev.switchboard.random.echo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.ClassPathResource;

import dev.switchboard.test.python.Python3;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCP echo servers of random-service, through the socket starter: the course echo and
 * RFC 862 echo over TCP and UDP, against the course's own Python client and misbehaving
 * clients.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TcpEchoTests {

	private static final Duration PYTHON_TIMEOUT = Duration.ofSeconds(30);

	@Value("${local.switchboard.socket.echo.port}")
	private int echoPort;

	@Value("${local.switchboard.socket.rfc862.port}")
	private int rfc862Port;

	@Value("${local.server.port}")
	private int httpPort;

	@Test
	void shouldAnswerTheCourseTcpClientVerbatim() throws IOException {
		String program = seed("seeds/tcp_client.py")
				+ "\nimport sys\ntcp_client('127.0.0.1', int(sys.argv[1]), sys.argv[2])\n";
		String output = Python3.run(PYTHON_TIMEOUT, Map.of(), program, String.valueOf(this.echoPort), "Hello server")
			.successfulOutput();
		assertThat(output).isEqualTo("Response : Serveur a reçu Hello server\n");
	}

	@Test
	void shouldGiveTheWholeReplyToAClientThatReadsUntilTheServerCloses() {
		String program = """
				import socket, sys
				s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
				s.send("Hello TCP Server é😀".encode())
				data = b""
				while True:
				    chunk = s.recv(7)
				    if not chunk:
				        break
				    data += chunk
				print(data.decode())
				""";
		assertThat(Python3.run(PYTHON_TIMEOUT, Map.of(), program, String.valueOf(this.echoPort)).successfulOutput())
			.isEqualTo("Serveur a reçu Hello TCP Server é😀\n");
	}

	@Test
	void shouldEchoOverRfc862TcpUntilTheClientCloses() {
		String program = """
				import socket, sys
				s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
				s.sendall(b"first line\\n")
				print(s.recv(1024).decode(), end="")
				s.sendall(b"second line\\n")
				s.shutdown(socket.SHUT_WR)
				data = b""
				while True:
				    chunk = s.recv(1024)
				    if not chunk:
				        break
				    data += chunk
				print(data.decode(), end="")
				""";
		assertThat(Python3.run(PYTHON_TIMEOUT, Map.of(), program, String.valueOf(this.rfc862Port)).successfulOutput())
			.isEqualTo("first line\nsecond line\n");
	}

	@Test
	void shouldSendEachDatagramBackToItsSender() {
		String program = """
				import socket, sys
				s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
				s.settimeout(10)
				for message in (b"ping", b"pong " * 100):
				    s.sendto(message, ("127.0.0.1", int(sys.argv[1])))
				    data, server = s.recvfrom(65535)
				    print(len(data), data == message)
				""";
		assertThat(Python3.run(PYTHON_TIMEOUT, Map.of(), program, String.valueOf(this.rfc862Port)).successfulOutput())
			.isEqualTo("4 True\n500 True\n");
	}

	@Test
	void shouldCloseASilentClientWithinTheIdleTimeoutAndKeepServing() throws IOException {
		try (Socket silent = connect(this.echoPort)) {
			long start = System.nanoTime();
			assertThat(silent.getInputStream().read()).isEqualTo(-1);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
		}
		assertThat(exchange(this.echoPort, "still serving".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("Serveur a reçu still serving");
	}

	@Test
	void shouldRefuseInvalidUtf8WithAnErrorLineAndSurviveClientsThatLeaveAtOnce() throws IOException {
		for (int i = 0; i < 20; i++) {
			connect(this.echoPort).close();
		}
		byte[][] invalid = { { (byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3 }, { 'B', (byte) 0xc0, (byte) 0xaf },
				{ (byte) 0xe0, (byte) 0x80, (byte) 0xaf }, { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }, { (byte) 0x80 },
				{ (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 } };
		for (byte[] message : invalid) {
			assertThat(exchange(this.echoPort, message)).startsWith("ERROR request is not valid UTF-8: ")
				.endsWith("\n")
				.hasLineCount(1);
		}
		assertThat(exchange(this.echoPort, "ok é 😀".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("Serveur a reçu ok é 😀");
	}

	@Test
	void shouldEchoAnyOctetOverRfc862() throws IOException {
		byte[] garbage = { (byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, (byte) 0xc0, (byte) 0xaf };
		try (Socket socket = connect(this.rfc862Port)) {
			socket.getOutputStream().write(garbage);
			socket.shutdownOutput();
			assertThat(socket.getInputStream().readAllBytes()).isEqualTo(garbage);
		}
	}

	@Test
	void shouldServeTwoThousandConcurrentClients() throws Exception {
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<String>> replies = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				byte[] message = ("client " + i).getBytes(StandardCharsets.UTF_8);
				replies.add(clients.submit(() -> exchange(this.echoPort, message)));
			}
			for (int i = 0; i < replies.size(); i++) {
				assertThat(replies.get(i).get()).isEqualTo("Serveur a reçu client " + i);
			}
		}
	}

	@Test
	void shouldReportBothServersUpInHealth() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/health/socket"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"echo\"", "\"rfc862\"", "\"UP\"").doesNotContain("DOWN");
	}

	private static String exchange(int port, byte[] message) throws IOException {
		try (Socket socket = connect(port)) {
			socket.getOutputStream().write(message);
			InputStream input = socket.getInputStream();
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static String seed(String path) throws IOException {
		return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
	}

}
