package dev.switchboard.fileshare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP written byte by byte on a plain socket, for what a well-behaved client never does:
 * declare a body and not send it, to see whether the service answers before reading it.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Send the head of an upload that declares a body of the given length, send none of
	 * the body, and read the answer. A service that waits for the body never answers: the
	 * read times out after 30 seconds and the call fails.
	 * @param port the service's port
	 * @param contentLength the declared length
	 * @return the status line, the headers and the body of the answer
	 */
	public static String declareUploadWithoutBody(int port, long contentLength) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/shares HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + contentLength
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return readResponse(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No answer before the body was sent", ex);
		}
	}

	private static String readResponse(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("The connection closed in the answer's headers: " + head);
			}
			head.write(next);
		}
		String headers = head.toString(StandardCharsets.ISO_8859_1);
		for (String line : headers.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				int length = Integer.parseInt(line.substring("content-length:".length()).strip());
				return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
			}
		}
		// The answer came before the body: end the request here, so that the service
		// stops
		// waiting for the body it declared and closes, which ends the answer (raw, chunks
		// included)
		socket.shutdownOutput();
		return headers + new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

}
