package dev.switchboard.fileshare;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body built byte by byte, so that tests control exactly
 * what a client sends, down to odd or hostile file names.
 */
public final class Multipart {

	private final String boundary = "----switchboard-" + UUID.randomUUID();

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	/**
	 * Add a form field.
	 * @param name the field name
	 * @param value its value
	 * @return this body
	 */
	public Multipart field(String name, String value) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
				+ "\r\n");
		return this;
	}

	/**
	 * Add a {@code file} part, its filename encoded as browsers and curl do it (UTF-8,
	 * {@code "} as {@code %22}).
	 * @param filename the file name, possibly a relative path
	 * @param content the file's bytes
	 * @return this body
	 */
	public Multipart file(String filename, byte[] content) {
		return rawFile("filename=\"" + filename.replace("\"", "%22") + "\"", content);
	}

	/**
	 * Add a {@code file} part with a {@code Content-Disposition} parameter written as is.
	 * @param filenameParameter e.g. {@code filename="a.txt"} or
	 * {@code filename*=UTF-8''a.txt}
	 * @param content the file's bytes
	 * @return this body
	 */
	public Multipart rawFile(String filenameParameter, byte[] content) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"file\"; " + filenameParameter
				+ "\r\nContent-Type: application/octet-stream\r\n\r\n");
		this.body.writeBytes(content);
		write("\r\n");
		return this;
	}

	/**
	 * Return the content type, with the boundary.
	 * @return the {@code Content-Type} header value
	 */
	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	/**
	 * Return the complete body.
	 * @return the bytes to send
	 */
	public byte[] toBytes() {
		ByteArrayOutputStream complete = new ByteArrayOutputStream();
		complete.writeBytes(this.body.toByteArray());
		complete.writeBytes(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return complete.toByteArray();
	}

	/**
	 * Return a request builder posting this body.
	 * @param uri where to post it
	 * @return the builder
	 */
	public HttpRequest.Builder post(java.net.URI uri) {
		return HttpRequest.newBuilder(uri)
			.header("Content-Type", contentType())
			.POST(HttpRequest.BodyPublishers.ofByteArray(toBytes()));
	}

	private void write(String text) {
		this.body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
