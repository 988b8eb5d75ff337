package dev.switchboard.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the end-to-end tests: every call is bounded by a timeout, and
 * every answer records how long it took.
 */
final class SuiteHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final String base;

	SuiteHttp(String base) {
		this.base = base;
	}

	String base() {
		return this.base;
	}

	Answer get(String path, String... headers) {
		return send(request(path, DEFAULT_TIMEOUT, headers).GET().build());
	}

	Answer get(String path, Duration timeout, String... headers) {
		return send(request(path, timeout, headers).GET().build());
	}

	Answer postJson(String path, Object body, String... headers) {
		return postJson(path, body, DEFAULT_TIMEOUT, headers);
	}

	Answer postJson(String path, Object body, Duration timeout, String... headers) {
		return send(request(path, timeout, headers).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
	}

	/**
	 * Upload files as {@code POST /api/shares} expects them.
	 * @param files file names and their bytes
	 * @param fields form fields such as {@code maxDownloads}
	 * @param timeout the longest wait for the answer
	 * @return the answer
	 */
	Answer upload(Map<String, byte[]> files, Map<String, String> fields, Duration timeout) {
		Multipart multipart = Multipart.of(files, fields);
		return send(request("/api/shares", timeout).header("Content-Type", multipart.contentType())
			.POST(BodyPublishers.ofByteArray(multipart.body()))
			.build());
	}

	Answer send(HttpRequest request) {
		Instant start = Instant.now();
		try {
			HttpResponse<byte[]> response = this.client.send(request, BodyHandlers.ofByteArray());
			return new Answer(response, Duration.between(start, Instant.now()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri() + " failed after "
					+ Duration.between(start, Instant.now()).toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpRequest.Builder request(String path, Duration timeout, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(timeout);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder;
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	/**
	 * An HTTP answer, its body read, and how long it took.
	 *
	 * @param response the response
	 * @param took the time from sending to the whole body
	 */
	record Answer(HttpResponse<byte[]> response, Duration took) {

		int status() {
			return this.response.statusCode();
		}

		byte[] bytes() {
			return this.response.body();
		}

		String body() {
			return new String(this.response.body(), StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return JSON.readTree(this.response.body());
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

		String contentType() {
			return header("Content-Type");
		}

		boolean isProblem() {
			String type = contentType();
			return type != null && type.startsWith("application/problem+json");
		}

		@Override
		public String toString() {
			return this.response.request().method() + " " + this.response.request().uri() + " -> " + status() + " in "
					+ this.took.toMillis() + " ms: " + body();
		}

	}

	/** A {@code multipart/form-data} body. */
	record Multipart(String boundary, byte[] body) {

		static Multipart of(Map<String, byte[]> files, Map<String, String> fields) {
			String boundary = "e2e-" + UUID.randomUUID();
			var out = new ByteArrayOutputStream();
			Map<String, String> orderedFields = new LinkedHashMap<>(fields);
			orderedFields.forEach((name, value) -> write(out, "--" + boundary
					+ "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"));
			files.forEach((name, bytes) -> {
				write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
						+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
				out.writeBytes(bytes);
				write(out, "\r\n");
			});
			write(out, "--" + boundary + "--\r\n");
			return new Multipart(boundary, out.toByteArray());
		}

		String contentType() {
			return "multipart/form-data; boundary=" + this.boundary;
		}

		private static void write(ByteArrayOutputStream out, String text) {
			out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
		}

	}

}
