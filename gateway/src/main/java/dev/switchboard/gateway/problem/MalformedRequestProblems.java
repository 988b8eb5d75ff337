package dev.switchboard.gateway.problem;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives problem JSON bodies to the answers Reactor Netty writes on its own, before any
 * Spring code runs, when it cannot decode a request: headers too large (431), a URI too
 * long (414), a malformed request (400). Netty sends them with an empty body otherwise.
 */
@Component
class MalformedRequestProblems implements NettyServerCustomizer {

	private static final String HANDLER_NAME = "switchboard.malformedRequestProblems";

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new Handler());
			}
		});
	}

	/**
	 * Notes a request that failed to decode, and rewrites the answer Netty then sends.
	 */
	private static final class Handler extends ChannelDuplexHandler {

		private boolean failedRequest;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
				this.failedRequest = true;
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (this.failedRequest && msg instanceof FullHttpResponse response && !response.content().isReadable()) {
				this.failedRequest = false;
				FullHttpResponse problem = NettyProblems.closing(response.protocolVersion(), response.status(),
						detail(response.status()));
				response.release();
				ctx.write(problem, promise);
				return;
			}
			ctx.write(msg, promise);
		}

		private static String detail(HttpResponseStatus status) {
			return switch (status.code()) {
				case 431 -> "The request headers are larger than the gateway accepts.";
				case 414 -> "The request URI is longer than the gateway accepts.";
				case 413 -> "The request is larger than the gateway accepts.";
				default -> "The gateway could not understand this request: it is not valid HTTP/1.1.";
			};
		}

	}

}
