package dev.switchboard.gateway.readtimeout;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netty.channel.ChannelPipeline;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import dev.switchboard.gateway.system.SwitchboardGatewayProperties;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * The gateway's request-read timeout ({@code switchboard.gateway.request-read-timeout}):
 * a {@link RequestReadWatch} on every client connection, and the count of the requests it
 * gave up on ({@value #METRIC}, by {@code phase}: {@code headers} or {@code body}).
 * <p>
 * Reactor Netty's own {@code HttpServer.readTimeout} closes the connection without an
 * answer, also counts time in which the gateway is the one not reading, and changes the
 * pipeline for every request; this watch answers 408, counts only the client's silences
 * and costs nothing for a request that arrives in one read.
 */
@Component
class RequestReadTimeout implements NettyServerCustomizer, MeterBinder {

	static final String METRIC = "switchboard.gateway.request.read.timeouts";

	private final Duration timeout;

	private volatile @Nullable Counter headerTimeouts;

	private volatile @Nullable Counter bodyTimeouts;

	RequestReadTimeout(SwitchboardGatewayProperties properties) {
		this.timeout = properties.requestReadTimeout();
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpCodec) != null) {
				RequestReadWatch watch = new RequestReadWatch(this, this.timeout);
				pipeline.addBefore(NettyPipeline.HttpCodec, "switchboard.requestReadBytes", watch.bytes());
				pipeline.addAfter(NettyPipeline.HttpCodec, "switchboard.requestReadMessages", watch.messages());
			}
		});
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.headerTimeouts = counter(registry, "headers");
		this.bodyTimeouts = counter(registry, "body");
	}

	private static Counter counter(MeterRegistry registry, String phase) {
		return Counter.builder(METRIC)
			.description("Requests answered 408 because their client sent nothing more for the request-read timeout")
			.tag("phase", phase)
			.register(registry);
	}

	void headersTimedOut() {
		increment(this.headerTimeouts);
	}

	void bodyTimedOut() {
		increment(this.bodyTimeouts);
	}

	private static void increment(@Nullable Counter counter) {
		// bound before the server starts, so before any timeout
		if (counter != null) {
			counter.increment();
		}
	}

}
