package switchboard.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * A minimal HTTP/1.1 reverse proxy on Netty: the JVM's reference for the job nginx does in
 * {@code bench/nginx-proxy.conf} and the gateway does in front of the random API. Each client
 * connection gets one upstream connection of its own, opened on its first request, reused for
 * its keep-alive requests and closed with it. Requests and responses are relayed as the codecs'
 * {@link HttpObject}s (head, then content pieces; no aggregation), each side written without a
 * flush and flushed once per read batch; auto-read is switched off on one side while the other
 * side's outbound buffer is above its high-water mark. Connection headers pass through
 * unchanged: with one upstream connection per client connection, the upstream sees the client's
 * keep-alive wishes and the client sees the upstream's answer, and when the upstream closes, the
 * client connection is closed once what was relayed is written. An upstream that cannot be
 * reached gets the client a 502. Epoll transport when available, one event loop per core, both
 * sides of a relay on the same event loop; loopback only. No logging per request.
 *
 * <pre>java -jar netty-proxy.jar --port 19086 --upstream-port 13180</pre>
 */
public final class NettyProxyPeer {

	/** Both the listening socket and the upstream are on this address, never another. */
	private static final String LOOPBACK = "127.0.0.1";

	private NettyProxyPeer() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = -1;
		int upstreamPort = -1;
		if (args.length % 2 != 0) {
			throw new IllegalArgumentException("options come in pairs: --port P --upstream-port U");
		}
		for (int i = 0; i < args.length; i += 2) {
			switch (args[i]) {
				case "--port" -> port = parsePort(args[i], args[i + 1]);
				case "--upstream-port" -> upstreamPort = parsePort(args[i], args[i + 1]);
				default -> throw new IllegalArgumentException(
						"unknown option " + args[i] + " (--port P --upstream-port U; both on " + LOOPBACK + ")");
			}
		}
		if (port < 0 || upstreamPort < 0) {
			throw new IllegalArgumentException("usage: --port P --upstream-port U (both on " + LOOPBACK + ")");
		}
		boolean epoll = Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> serverChannel = epoll ? EpollServerSocketChannel.class
				: NioServerSocketChannel.class;
		int threads = Runtime.getRuntime().availableProcessors();
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
		try {
			// the upstream connections: a template, each cloned onto its client's event loop
			Bootstrap upstream = new Bootstrap().channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
				.option(ChannelOption.TCP_NODELAY, true)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
				.remoteAddress(new InetSocketAddress(LOOPBACK, upstreamPort));
			var server = new ServerBootstrap().group(group)
				.channel(serverChannel)
				.option(ChannelOption.SO_BACKLOG, 4096)
				.option(ChannelOption.SO_REUSEADDR, true)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<Channel>() {
					@Override
					protected void initChannel(Channel ch) {
						ch.pipeline().addLast(new HttpServerCodec(), new ClientSide(upstream));
					}
				})
				.bind(new InetSocketAddress(LOOPBACK, port))
				.sync()
				.channel();
			System.out.println("netty-proxy listening on " + LOOPBACK + ":" + port + ", upstream " + LOOPBACK + ":"
					+ upstreamPort + " (" + (epoll ? "epoll" : "nio") + ", " + threads + " event loops)");
			server.closeFuture().sync();
		}
		finally {
			group.shutdownGracefully();
		}
	}

	private static int parsePort(String option, String value) {
		int port = Integer.parseInt(value);
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException(option + " " + value + ": not a TCP port");
		}
		return port;
	}

	/** Writes what is queued, then closes: what was relayed before a close still reaches its peer. */
	static void closeOnFlush(Channel ch) {
		if (ch.isActive()) {
			// an empty buffer passes the HTTP codecs untouched
			ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
	}

	/** The client's connection: one per client channel, so it keeps that relay's state. */
	static final class ClientSide extends ChannelInboundHandlerAdapter {

		private final Bootstrap template;

		/** The upstream connection, from the first request on; null before. */
		private Channel upstream;

		/** What the client sent while the upstream connection was being opened. */
		private List<Object> pending = new ArrayList<>(2);

		ClientSide(Bootstrap template) {
			this.template = template;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
				// not HTTP we can relay: answer 400 and end the connection, as nginx would
				ReferenceCountUtil.release(msg);
				respondAndClose(ctx, HttpResponseStatus.BAD_REQUEST);
				return;
			}
			if (pending == null) {
				upstream.write(msg); // connected: relay (flushed in channelReadComplete)
				return;
			}
			pending.add(msg);
			if (upstream == null) {
				connect(ctx);
			}
		}

		/** Opens the upstream connection on this channel's event loop; reads from the client wait meanwhile. */
		private void connect(ChannelHandlerContext ctx) {
			Channel client = ctx.channel();
			client.config().setAutoRead(false);
			ChannelFuture connecting = template.clone(client.eventLoop())
				.handler(new ChannelInitializer<Channel>() {
					@Override
					protected void initChannel(Channel ch) {
						ch.pipeline().addLast(new HttpClientCodec(), new UpstreamSide(client));
					}
				})
				.connect();
			upstream = connecting.channel();
			connecting.addListener((ChannelFutureListener) f -> {
				List<Object> queued = pending;
				pending = null;
				if (!f.isSuccess()) {
					queued.forEach(ReferenceCountUtil::release);
					respondAndClose(ctx, HttpResponseStatus.BAD_GATEWAY);
					return;
				}
				if (!client.isActive()) {
					queued.forEach(ReferenceCountUtil::release);
					upstream.close();
					return;
				}
				queued.forEach(upstream::write);
				upstream.flush();
				client.config().setAutoRead(upstream.isWritable());
			});
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			if (upstream != null && pending == null) {
				upstream.flush(); // one flush (one syscall) per batch read from the client
			}
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) {
			// backpressure: read from the upstream only while the client keeps up
			if (upstream != null && pending == null) {
				upstream.config().setAutoRead(ctx.channel().isWritable());
			}
			ctx.fireChannelWritabilityChanged();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (pending != null) {
				pending.forEach(ReferenceCountUtil::release);
				pending.clear();
			}
			if (upstream != null) {
				upstream.close(); // the upstream connection lives as long as its client's
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close(); // a client that reset its connection: nothing to answer (channelInactive closes the upstream)
		}

		private static void respondAndClose(ChannelHandlerContext ctx, HttpResponseStatus status) {
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
			response.headers()
				.set(HttpHeaderNames.CONTENT_LENGTH, 0)
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}

	}

	/** The upstream connection of one client connection: relays the responses back to it. */
	static final class UpstreamSide extends ChannelInboundHandlerAdapter {

		private final Channel client;

		UpstreamSide(Channel client) {
			this.client = client;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
				// a response we cannot parse: nothing sound to relay after it
				ReferenceCountUtil.release(msg);
				ctx.close();
				return;
			}
			client.write(msg); // flushed in channelReadComplete
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			client.flush(); // one flush per batch read from the upstream
		}

		@Override
		public void channelWritabilityChanged(ChannelHandlerContext ctx) {
			// backpressure: read from the client only while the upstream keeps up
			client.config().setAutoRead(ctx.channel().isWritable());
			ctx.fireChannelWritabilityChanged();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			// the upstream closed (Connection: close, its idle timeout, an error): so does the client,
			// after what was relayed (a client may retry an idle keep-alive connection that closes)
			closeOnFlush(client);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close(); // channelInactive then closes the client after a flush
		}

	}

}
