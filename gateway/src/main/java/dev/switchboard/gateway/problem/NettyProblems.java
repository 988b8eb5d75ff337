package dev.switchboard.gateway.problem;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import dev.switchboard.requestid.RequestIds;

/**
 * Problem JSON answers written straight on a client's connection, for the cases the
 * gateway refuses before any Spring code sees a request (a request Netty cannot decode,
 * headers that stop arriving). The connection closes after them; each carries a new
 * request id, since no request was read to take one from.
 */
public final class NettyProblems {

	private NettyProblems() {
	}

	/**
	 * A complete problem answer that closes the connection.
	 * @param version the HTTP version to answer with
	 * @param status the status
	 * @param detail the human sentence, plain ASCII with no quote or backslash
	 * @return the answer, ready to write
	 */
	public static FullHttpResponse closing(HttpVersion version, HttpResponseStatus status, String detail) {
		String requestId = RequestIds.generate();
		String json = "{\"title\":\"" + status.reasonPhrase() + "\",\"status\":" + status.code() + ",\"detail\":\""
				+ detail + "\",\"requestId\":\"" + requestId + "\"}";
		ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
		FullHttpResponse problem = new DefaultFullHttpResponse(version, status, body);
		problem.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
			.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
			.set(RequestIds.HEADER, requestId);
		return problem;
	}

}
