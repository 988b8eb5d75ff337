package dev.switchboard.gateway.readtimeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

import dev.switchboard.gateway.problem.NettyProblems;

/**
 * Watches the requests arriving on one client connection and gives up on a client that
 * leaves one half sent: once the gateway has asked for more of a request and nothing has
 * come for the timeout, a client stuck in its headers gets a 408 problem answer written
 * here, and one stuck in its body has that body end with a
 * {@link RequestReadTimeoutException}, which the gateway answers 408 like any error.
 * <p>
 * Two handlers share the watch: {@link #bytes()} ahead of the HTTP codec sees each read
 * of bytes (progress, however small) and each time the gateway asks for more; and
 * {@link #messages()} behind it sees where requests and answers start and end. Time in
 * which the gateway itself does not read (its service is not taking the body yet) never
 * counts against the client. A request that arrives in one read, as most do, costs no
 * timer at all; one timer per connection covers a request that spans reads, rearmed only
 * when it fires.
 * <p>
 * Every method runs on the connection's event loop.
 */
final class RequestReadWatch implements Runnable {

	private enum Phase {

		/** No request in progress. */
		IDLE,

		/** Bytes of a request have come, its headers are not complete yet. */
		HEADERS,

		/** The headers are in, the body is not complete yet. */
		BODY,

		/** Answered (or refused) before the body was complete. */
		ANSWERED,

		/** Refused before the headers were complete: the connection is closing. */
		CLOSING

	}

	private final RequestReadTimeout owner;

	private final Duration timeout;

	private final long timeoutNanos;

	private final Bytes bytes = new Bytes();

	private final Messages messages = new Messages();

	private @Nullable ChannelHandlerContext context;

	private Phase phase = Phase.IDLE;

	private boolean readPending;

	private long lastProgress;

	private @Nullable ScheduledFuture<?> timer;

	RequestReadWatch(RequestReadTimeout owner, Duration timeout) {
		this.owner = owner;
		this.timeout = timeout;
		this.timeoutNanos = timeout.toNanos();
	}

	/**
	 * The handler that goes just before the HTTP codec.
	 * @return the handler
	 */
	ChannelHandler bytes() {
		return this.bytes;
	}

	/**
	 * The handler that goes just after the HTTP codec.
	 * @return the handler
	 */
	ChannelHandler messages() {
		return this.messages;
	}

	@Override
	public void run() {
		this.timer = null;
		ChannelHandlerContext ctx = this.context;
		if (!watching() || ctx == null || !ctx.channel().isActive()) {
			return;
		}
		long now = System.nanoTime();
		if (this.phase != Phase.ANSWERED && !this.readPending && !ctx.channel().config().isAutoRead()) {
			// the gateway is not reading (its service is not taking the body): not the
			// client's doing, its time starts again once the gateway asks for more
			this.lastProgress = now;
			arm(this.timeoutNanos);
			return;
		}
		long waited = now - this.lastProgress;
		if (waited < this.timeoutNanos) {
			arm(this.timeoutNanos - waited);
			return;
		}
		timedOut(ctx);
	}

	private void timedOut(ChannelHandlerContext ctx) {
		switch (this.phase) {
			case HEADERS -> {
				// no request to hand to the gateway yet: answer here
				this.owner.headersTimedOut();
				this.phase = Phase.CLOSING;
				ctx.writeAndFlush(NettyProblems.closing(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
						RequestReadTimeoutException.detail(this.timeout)))
					.addListener(ChannelFutureListener.CLOSE);
			}
			case BODY -> {
				// the body the gateway relays ends in error: the exchange answers 408
				this.owner.bodyTimedOut();
				this.phase = Phase.ANSWERED;
				ctx.fireExceptionCaught(new RequestReadTimeoutException(this.timeout));
				arm(this.timeoutNanos);
			}
			// answered, and what is left of the request still does not come: let it go
			default -> ctx.close();
		}
	}

	private boolean watching() {
		return this.phase == Phase.HEADERS || this.phase == Phase.BODY || this.phase == Phase.ANSWERED;
	}

	private void arm(long delayNanos) {
		ChannelHandlerContext ctx = this.context;
		if (this.timer == null && ctx != null) {
			this.timer = ctx.executor().schedule(this, delayNanos, TimeUnit.NANOSECONDS);
		}
	}

	private void disarm() {
		if (this.timer != null) {
			this.timer.cancel(false);
			this.timer = null;
		}
	}

	/**
	 * Sees the raw bytes of the connection: every read is progress.
	 */
	private final class Bytes extends ChannelDuplexHandler {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			RequestReadWatch.this.readPending = false;
			RequestReadWatch.this.lastProgress = System.nanoTime();
			if (RequestReadWatch.this.phase == Phase.IDLE) {
				RequestReadWatch.this.phase = Phase.HEADERS;
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void read(ChannelHandlerContext ctx) {
			if (!RequestReadWatch.this.readPending) {
				// the client's time runs from when the gateway asks for more
				RequestReadWatch.this.readPending = true;
				RequestReadWatch.this.lastProgress = System.nanoTime();
			}
			ctx.read();
		}

	}

	/**
	 * Sees the decoded requests and the answers written to them.
	 */
	private final class Messages extends ChannelDuplexHandler {

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			RequestReadWatch.this.context = ctx;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (RequestReadWatch.this.phase == Phase.CLOSING) {
				// already refused: what the codec still makes of the half request is
				// noise
				ReferenceCountUtil.release(msg);
				return;
			}
			if (msg instanceof HttpRequest request) {
				boolean complete = msg instanceof LastHttpContent || request.decoderResult().isFailure();
				RequestReadWatch.this.phase = complete ? Phase.IDLE : Phase.BODY;
			}
			else if (msg instanceof LastHttpContent) {
				RequestReadWatch.this.phase = Phase.IDLE;
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext ctx) {
			if (watching()) {
				// a request spans reads: watch it
				arm(RequestReadWatch.this.timeoutNanos);
			}
			ctx.fireChannelReadComplete();
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof HttpResponse response
					&& response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
				ctx.write(msg, promise);
				if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
					// a WebSocket now: frames, not requests, from here on
					disarm();
					ctx.pipeline().remove(RequestReadWatch.this.bytes);
					ctx.pipeline().remove(this);
				}
				return;
			}
			if (msg instanceof LastHttpContent && RequestReadWatch.this.phase == Phase.BODY) {
				RequestReadWatch.this.phase = Phase.ANSWERED;
			}
			ctx.write(msg, promise);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			disarm();
			if (RequestReadWatch.this.phase == Phase.BODY) {
				// the body ends as the client's failure, before Reactor Netty ends it as
				// a
				// closed connection, which would read like a failure of the service
				RequestReadWatch.this.phase = Phase.IDLE;
				ctx.fireExceptionCaught(IncompleteRequestException.closedByClient());
			}
			ctx.fireChannelInactive();
		}

		@Override
		public void handlerRemoved(ChannelHandlerContext ctx) {
			disarm();
		}

	}

}
