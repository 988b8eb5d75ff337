package dev.switchboard.gateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for one service behind the gateway: it answers every
 * request with a JSON echo of what it received, and offers a few slow, streaming and
 * WebSocket endpoints for the resilience tests. It can be stopped and started again on
 * the same port, to play a service that goes down and comes back, and one started with a
 * small listen backlog can stop accepting connections, to play a service too busy to take
 * more.
 */
public final class Downstream {

	/** Bytes of each chunk of the streaming endpoints. */
	public static final int CHUNK = 16 * 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String service;

	private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

	private final AtomicInteger requests = new AtomicInteger();

	private final int backlog;

	private final List<Socket> backlogFillers = new ArrayList<>();

	private volatile boolean hangingUp;

	private volatile DisposableServer server;

	private int port;

	private Downstream(String service, int backlog) {
		this.service = service;
		this.backlog = backlog;
	}

	/**
	 * Start a downstream on a free loopback port.
	 * @param service the service name it answers as
	 * @return the started downstream
	 */
	public static Downstream start(String service) {
		Downstream downstream = new Downstream(service, 0);
		downstream.bind(0);
		return downstream;
	}

	/**
	 * Start a downstream on a free loopback port whose listen backlog holds one
	 * connection, so that {@link #stopAccepting()} can fill it.
	 * @param service the service name it answers as
	 * @return the started downstream
	 */
	public static Downstream startWithSmallBacklog(String service) {
		Downstream downstream = new Downstream(service, 1);
		downstream.bind(0);
		return downstream;
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * How many requests reached the echo, upload and chat endpoints: those a load
	 * balancer spreads in the tests.
	 * @return the count since start
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Whether to accept every connection and then close it without an answer (once the
	 * whole request has arrived), as an instance on its way down may: the load balancer
	 * cannot tell it from a live one.
	 * @param hangingUp whether to hang up on every request
	 */
	public void hangUp(boolean hangingUp) {
		this.hangingUp = hangingUp;
	}

	public boolean isRunning() {
		return !this.server.isDisposed();
	}

	/** Closes the port and every open connection, as a process that dies would. */
	public synchronized void stop() {
		this.backlogFillers.forEach(Downstream::close);
		this.backlogFillers.clear();
		this.server.dispose();
		this.connections.close().awaitUninterruptibly(5000);
		this.server.onDispose().block(Duration.ofSeconds(5));
	}

	public synchronized void restart() {
		bind(this.port);
	}

	/**
	 * Stop accepting connections and fill the listen backlog, as a server at its
	 * connection limit under a burst does (Tomcat at {@code max-connections}): the kernel
	 * then drops new connection attempts, which time out rather than being refused.
	 * Checks that they do.
	 * @throws IllegalStateException when connections are still accepted or refused
	 */
	public synchronized void stopAccepting() {
		if (this.backlog == 0) {
			throw new IllegalStateException("start it with startWithSmallBacklog");
		}
		Channel channel = this.server.channel();
		// on the server channel's event loop: once done, no accept is under way
		channel.eventLoop().submit(() -> channel.config().setAutoRead(false)).syncUninterruptibly();
		int timedOut = 0;
		for (int i = 0; i < 64 && timedOut < 2; i++) {
			if (connectsToBacklog()) {
				timedOut = 0;
			}
			else if (++timedOut == 1) {
				// and again a little later, in case a connection was accepted meanwhile
				sleep(Duration.ofMillis(100));
			}
		}
		if (timedOut < 2) {
			throw new IllegalStateException("the listen backlog never filled: connections are still accepted");
		}
	}

	/** Whether a connection got into the listen backlog (true) or timed out (false). */
	private boolean connectsToBacklog() {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			this.backlogFillers.add(socket);
			return true;
		}
		catch (SocketTimeoutException ex) {
			close(socket);
			return false;
		}
		catch (IOException ex) {
			close(socket);
			throw new IllegalStateException("a connection to a full listen backlog failed otherwise", ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Accept connections again, those waiting in the listen backlog first. */
	public synchronized void acceptAgain() {
		Channel channel = this.server.channel();
		channel.eventLoop().submit(() -> channel.config().setAutoRead(true)).syncUninterruptibly();
		this.backlogFillers.forEach(Downstream::close);
		this.backlogFillers.clear();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed anyway
		}
	}

	private void bind(int port) {
		HttpServer server = HttpServer.create();
		if (this.backlog > 0) {
			server = server.option(ChannelOption.SO_BACKLOG, this.backlog);
		}
		this.server = server.host("127.0.0.1")
			.port(port)
			.doOnConnection((connection) -> this.connections.add(connection.channel()))
			.route(this::routes)
			.bindNow();
		this.port = this.server.port();
	}

	private void routes(HttpServerRoutes routes) {
		routes
			.get("/api/random/slow",
					(request, response) -> Mono.delay(Duration.ofSeconds(3))
						.then(response.sendString(Mono.just("late")).then()))
			.get("/api/random/hang-up", (request, response) -> response.withConnection(Connection::dispose).then())
			// a service that is broken: every call fails with its own problem JSON
			.get("/api/random/fail",
					(request, response) -> response.status(500)
						.header("Content-Type", "application/problem+json")
						.sendString(Mono.just("{\"status\":500,\"detail\":\"The service is broken\"}")))
			// random-service's teaching endpoint: any status, on request
			.get("/api/status/{code}",
					(request, response) -> response.status(Integer.parseInt(request.param("code")))
						.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"status\":" + request.param("code") + "}")))
			// takes the whole request, then is slow to answer it
			.post("/api/echo/slow",
					(request, response) -> request.receive()
						.then(Mono.delay(Duration.ofSeconds(3)))
						.then(response.sendString(Mono.just("late")).then()))
			.get("/s/trickle", this::trickle)
			.get("/s/late",
					(request, response) -> Mono.delay(Duration.ofSeconds(3))
						.then(response.sendString(Mono.just("late")).then()))
			.get("/s/big", this::big)
			.post("/api/shares", this::countUpload)
			// a chat that is full: messaging-service's answer to a handshake past
			// max-sessions
			.route((request) -> request.uri().startsWith("/ws/chat?full"),
					(request, response) -> response.status(503)
						.header("Retry-After", "10")
						.header("Content-Type", "application/problem+json")
						.sendString(Mono.just("{\"status\":503,\"detail\":\"The chat is full\"}")))
			// a service that takes the connection and drops it before it answers the
			// handshake (a crash, a reset, out of file descriptors)
			.route((request) -> request.uri().startsWith("/ws/chat?hang-up"),
					(request, response) -> response.withConnection(Connection::dispose).then())
			.ws("/ws/chat", this::chat)
			.route((request) -> true, this::echo);
	}

	/** Headers at once, then 10 chunks a quarter of a second apart (2.5 s in all). */
	private Publisher<Void> trickle(HttpServerRequest request, HttpServerResponse response) {
		Flux<ByteBuf> chunks = Flux.interval(Duration.ofMillis(250))
			.take(10)
			.map((i) -> Unpooled.wrappedBuffer(new byte[CHUNK]));
		return response.header("Content-Length", String.valueOf(10 * CHUNK)).send(chunks);
	}

	/** {@code ?mib=N} mebibytes of zeros, as fast as the client takes them. */
	private Publisher<Void> big(HttpServerRequest request, HttpServerResponse response) {
		long mib = Long.parseLong(new QueryStringDecoder(request.uri()).parameters().get("mib").getFirst());
		long chunks = mib * 1024 * 1024 / CHUNK;
		return response.header("Content-Length", String.valueOf(mib * 1024 * 1024))
			.send(Flux.range(0, (int) chunks).map((i) -> Unpooled.wrappedBuffer(new byte[CHUNK])));
	}

	/** Reads the whole body, then answers how many bytes came: an upload. */
	private Publisher<Void> countUpload(HttpServerRequest request, HttpServerResponse response) {
		this.requests.incrementAndGet();
		Mono<String> answer = request.receive()
			.map((buffer) -> (long) buffer.readableBytes())
			.reduce(0L, Long::sum)
			.map((bytes) -> "{\"service\":\"" + this.service + "\",\"bytes\":" + bytes + "}");
		return response.header("Content-Type", "application/json").status(201).sendString(answer);
	}

	/** Tells the client which Host it was asked with, then echoes every text frame. */
	private Publisher<Void> chat(WebsocketInbound in, WebsocketOutbound out) {
		this.requests.incrementAndGet();
		HttpHeaders headers = in.headers();
		String hello = "hello host=" + headers.get("Host") + " forwardedHost=" + headers.get("X-Forwarded-Host")
				+ " requestId=" + headers.get("X-Request-Id");
		return out.sendString(Flux.concat(Mono.just(hello), in.receive().asString().map((text) -> "echo " + text)));
	}

	private Publisher<Void> echo(HttpServerRequest request, HttpServerResponse response) {
		this.requests.incrementAndGet();
		if (this.hangingUp) {
			return request.receive().then(Mono.fromRunnable(() -> response.withConnection(Connection::dispose)).then());
		}
		Mono<String> answer = request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.map((body) -> describe(request, body));
		// what the service received, also visible in the answer to a HEAD
		response.header("X-Echo-Method", request.method().name());
		if (request.requestHeaders().contains("X-Echo-Hop-By-Hop")) {
			// hop-by-hop headers of this connection, which a proxy must not pass on, and
			// one end-to-end header
			response.header("Keep-Alive", "timeout=60")
				.header("Proxy-Authenticate", "Basic realm=\"service\"")
				.header("Connection", "X-Service-Hop")
				.header("X-Service-Hop", "this connection only")
				.header("X-Service-Kept", "end to end");
		}
		String requestId = request.requestHeaders().get("X-Request-Id");
		if (requestId != null) {
			// as the services do: the id comes back in the answer
			response.header("X-Request-Id", requestId);
		}
		return response.header("Content-Type", "application/json").sendString(answer);
	}

	private String describe(HttpServerRequest request, String body) {
		Map<String, List<String>> headers = new TreeMap<>();
		request.requestHeaders()
			.names()
			.forEach((name) -> headers.put(name.toLowerCase(), request.requestHeaders().getAll(name)));
		Map<String, Object> echo = new LinkedHashMap<>();
		echo.put("service", this.service);
		echo.put("method", request.method().name());
		echo.put("uri", request.uri());
		echo.put("headers", headers);
		echo.put("body", body);
		return json.writeValueAsString(echo);
	}

}
