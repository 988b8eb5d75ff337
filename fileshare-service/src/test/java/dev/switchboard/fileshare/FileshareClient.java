package dev.switchboard.fileshare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client of the running service, on a real socket.
 */
public final class FileshareClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public FileshareClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * Return the absolute URI of a path.
	 * @param path a path with its query, raw (already encoded)
	 * @return the URI
	 */
	public URI uri(String path) {
		return URI.create(this.base + path);
	}

	/**
	 * Upload a body to {@code /api/shares}.
	 * @param body the multipart body
	 * @return the response, its body as text
	 */
	public HttpResponse<String> upload(Multipart body) {
		return send(body.post(uri("/api/shares")).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Upload a body that must succeed, and return the created share.
	 * @param body the multipart body
	 * @return the JSON answer
	 */
	public JsonNode share(Multipart body) {
		HttpResponse<String> response = upload(body);
		if (response.statusCode() != 201) {
			throw new AssertionError("Upload answered " + response.statusCode() + ": " + response.body());
		}
		return json(response.body());
	}

	/**
	 * GET a path.
	 * @param path the raw path
	 * @param headers header names and values, alternating
	 * @return the response, its body as bytes
	 */
	public HttpResponse<byte[]> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * Send any request.
	 * @param <T> the body type
	 * @param request the request
	 * @param handler how to read the body
	 * @return the response
	 */
	public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return this.http.send(request, handler);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Parse JSON.
	 * @param text the JSON text
	 * @return the tree
	 */
	public static JsonNode json(String text) {
		return json.readTree(text);
	}

	/**
	 * Parse a JSON body.
	 * @param bytes the body
	 * @return the tree
	 */
	public static JsonNode json(byte[] bytes) {
		return json.readTree(bytes);
	}

}
