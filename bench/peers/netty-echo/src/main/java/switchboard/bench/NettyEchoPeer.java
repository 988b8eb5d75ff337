package switchboard.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The course's echo protocol on Netty: on the first bytes a connection sends (at most 1024, as
 * the course's {@code recv(1024)}), answer {@code "Serveur a reçu " + those bytes} and close.
 * Epoll transport when available, one event loop per core, loopback only.
 *
 * <pre>java -jar netty-echo.jar [--port 13100] [--threads N]</pre>
 */
public final class NettyEchoPeer {

	private static final byte[] PREFIX = "Serveur a reçu ".getBytes(StandardCharsets.UTF_8);

	private NettyEchoPeer() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = 13100;
		int threads = Runtime.getRuntime().availableProcessors();
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--port" -> port = Integer.parseInt(args[i + 1]);
				case "--threads" -> threads = Integer.parseInt(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--port, --threads)");
			}
		}
		boolean epoll = Epoll.isAvailable();
		IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
		Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
		try {
			ReplyThenClose handler = new ReplyThenClose();
			var server = new ServerBootstrap().group(group)
				.channel(channel)
				.option(ChannelOption.SO_BACKLOG, 4096)
				.option(ChannelOption.SO_REUSEADDR, true)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(1024).maxMessagesPerRead(1))
				.childHandler(handler)
				.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
				.sync()
				.channel();
			System.out.println("netty-echo listening on 127.0.0.1:" + port + " (" + (epoll ? "epoll" : "nio") + ", "
					+ threads + " event loops)");
			server.closeFuture().sync();
		}
		finally {
			group.shutdownGracefully();
		}
	}

	/** Answers the first read of a connection, then closes it; stateless, so shared. */
	@ChannelHandler.Sharable
	static final class ReplyThenClose extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			ByteBuf received = (ByteBuf) msg;
			// one read per connection, as the course's single recv(1024): what comes after is not read
			ctx.channel().config().setAutoRead(false);
			ByteBuf reply = ctx.alloc().buffer(PREFIX.length + received.readableBytes());
			reply.writeBytes(PREFIX).writeBytes(received);
			received.release();
			ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close(); // a client that reset its connection: nothing to answer
		}

	}

}
