import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TCP connections per second, the course's way: one request per connection. Each request
 * connects, sends the payload (no delimiter, no half-close), reads until the server closes,
 * checks the reply and starts the next. --concurrency requests are in flight at any time,
 * spread over --threads non-blocking selector threads.
 *
 * <pre>
 * java TcpLoad.java --port P [--mode echo|contacts] [--payload TEXT] [-c 64] [-t 1]
 *      [-d 10] [-n REQUESTS] [--warmup 2] [--timeout-ms 5000]
 * </pre>
 *
 * echo: the reply must be exactly "Serveur a reçu " + payload. contacts: the reply must be a
 * JSON object whose "status" is true. "{i}" in the payload becomes a number unique to the
 * request. Requests started during --warmup are not counted; then the window lasts -d seconds
 * or until -n requests have started, whichever comes first. Every request ends within
 * --timeout-ms, and the whole run within warmup + duration + timeout + 5 s. Loopback only.
 * Prints one line:
 * conns_per_s=.. requests=.. ok=.. errors=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. window_s=..
 * connect_err=.. timeout=.. bad_reply=.. io_err=..
 * and exits 1 when a counted request failed or none succeeded.
 */
public final class TcpLoad {

	static final byte[] ECHO_PREFIX = "Serveur a reçu ".getBytes(StandardCharsets.UTF_8);

	static final int MAX_REPLY_BYTES = 1 << 20;

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		long start = System.nanoTime();
		Clock clock = new Clock(start + (long) (settings.warmupS * 1e9),
				start + (long) ((settings.warmupS + settings.durationS) * 1e9), settings.maxRequests);
		Worker[] workers = new Worker[settings.threads];
		Thread[] threads = new Thread[settings.threads];
		for (int w = 0; w < workers.length; w++) {
			int share = settings.concurrency / settings.threads + (w < settings.concurrency % settings.threads ? 1 : 0);
			workers[w] = new Worker(settings, clock, share);
			threads[w] = Thread.ofPlatform().name("tcp-load-" + w).start(workers[w]);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		Tally total = new Tally();
		for (Worker worker : workers) {
			total.add(worker.tally);
		}
		double windowS = clock.limitedByCount() ? Math.max(1e-6, (total.lastEndNs - clock.measureFromNs) / 1e9)
				: settings.durationS;
		long[] sorted = total.latenciesSorted();
		long errors = total.errors();
		if (total.firstProblem != null) {
			System.err.println("first bad reply: " + total.firstProblem);
		}
		System.out.printf(Locale.ROOT,
				"conns_per_s=%.1f requests=%d ok=%d errors=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f"
						+ " window_s=%.2f concurrency=%d connect_err=%d timeout=%d bad_reply=%d io_err=%d%n",
				total.ok / windowS, total.ok + errors, total.ok, errors, percentileMs(sorted, 50),
				percentileMs(sorted, 90), percentileMs(sorted, 99), percentileMs(sorted, 100), windowS,
				settings.concurrency, total.connectErrors, total.timeouts, total.badReplies, total.ioErrors);
		System.exit(errors == 0 && total.ok > 0 ? 0 : 1);
	}

	/** The nearest-rank percentile of sorted microseconds, in milliseconds. */
	static double percentileMs(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100 * sorted.length);
		return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1000.0;
	}

	/** The command line, checked. */
	record Settings(InetSocketAddress address, String mode, String payload, int concurrency, int threads,
			double durationS, long maxRequests, double warmupS, int timeoutMs) {

		static Settings parse(String[] args) {
			String host = "127.0.0.1", mode = "echo", payload = "Hello server";
			int port = 0, concurrency = 64, threads = 1, timeoutMs = 5000;
			double durationS = 10, warmupS = 2;
			long maxRequests = 0;
			if (args.length % 2 != 0) {
				usage("every option takes one value");
			}
			for (int i = 0; i < args.length; i += 2) {
				String value = args[i + 1];
				switch (args[i]) {
					case "--host" -> host = value;
					case "--port" -> port = Integer.parseInt(value);
					case "--mode" -> mode = value;
					case "--payload" -> payload = value;
					case "-c", "--concurrency" -> concurrency = Integer.parseInt(value);
					case "-t", "--threads" -> threads = Integer.parseInt(value);
					case "-d", "--duration" -> durationS = Double.parseDouble(value);
					case "-n", "--requests" -> maxRequests = Long.parseLong(value);
					case "--warmup" -> warmupS = Double.parseDouble(value);
					case "--timeout-ms" -> timeoutMs = Integer.parseInt(value);
					default -> usage("unknown option " + args[i]);
				}
			}
			check(port > 0 && port < 65536, "--port is required (1..65535)");
			check(mode.equals("echo") || mode.equals("contacts"), "--mode is echo or contacts");
			check(concurrency >= 1 && concurrency <= 20_000, "-c must be 1..20000");
			check(threads >= 1 && threads <= 64 && threads <= concurrency, "-t must be 1..min(64, -c)");
			check(durationS > 0 && durationS <= 600, "-d must be in (0, 600] seconds");
			check(maxRequests >= 0 && maxRequests <= 50_000_000, "-n must be 0..50000000 (0: no count limit)");
			check(warmupS >= 0 && warmupS <= 60, "--warmup must be 0..60 seconds");
			check(timeoutMs >= 10 && timeoutMs <= 60_000, "--timeout-ms must be 10..60000");
			InetSocketAddress address = new InetSocketAddress(host, port);
			InetAddress ip = address.getAddress();
			check(ip != null && ip.isLoopbackAddress(), "loopback targets only, not " + host);
			return new Settings(address, mode, payload, concurrency, threads, durationS, maxRequests, warmupS,
					timeoutMs);
		}

		static void check(boolean condition, String problem) {
			if (!condition) {
				usage(problem);
			}
		}

		static void usage(String problem) {
			System.err.println("TcpLoad: " + problem);
			System.err.println("usage: java TcpLoad.java --port P [--mode echo|contacts] [--payload TEXT] [-c 64] [-t 1]"
					+ " [-d 10] [-n REQUESTS] [--warmup 2] [--timeout-ms 5000]");
			System.exit(2);
		}

	}

	/** When requests may start, and which are counted; shared by the workers. */
	static final class Clock {

		final long measureFromNs;

		final long measureUntilNs;

		final long maxRequests;

		final AtomicLong counted = new AtomicLong();

		final AtomicLong sequence = new AtomicLong();

		Clock(long measureFromNs, long measureUntilNs, long maxRequests) {
			this.measureFromNs = measureFromNs;
			this.measureUntilNs = measureUntilNs;
			this.maxRequests = maxRequests;
		}

		/** Whether a request may start now; counted ones take a number of the -n budget. */
		boolean mayStart(long now) {
			if (now >= this.measureUntilNs) {
				return false;
			}
			return now < this.measureFromNs || this.maxRequests == 0
					|| this.counted.incrementAndGet() <= this.maxRequests;
		}

		boolean limitedByCount() {
			return this.maxRequests > 0 && this.counted.get() >= this.maxRequests;
		}

	}

	/** What a worker saw in the measuring window. */
	static final class Tally {

		long ok;

		long connectErrors;

		long timeouts;

		long badReplies;

		long ioErrors;

		long lastEndNs;

		long[] latenciesUs = new long[4096];

		int latencyCount;

		String firstProblem;

		void success(long latencyNs, long endNs) {
			this.ok++;
			if (this.latencyCount == this.latenciesUs.length) {
				this.latenciesUs = Arrays.copyOf(this.latenciesUs, this.latencyCount * 2);
			}
			this.latenciesUs[this.latencyCount++] = latencyNs / 1000;
			this.lastEndNs = Math.max(this.lastEndNs, endNs);
		}

		long errors() {
			return this.connectErrors + this.timeouts + this.badReplies + this.ioErrors;
		}

		void add(Tally other) {
			this.ok += other.ok;
			this.connectErrors += other.connectErrors;
			this.timeouts += other.timeouts;
			this.badReplies += other.badReplies;
			this.ioErrors += other.ioErrors;
			this.lastEndNs = Math.max(this.lastEndNs, other.lastEndNs);
			if (this.latencyCount + other.latencyCount > this.latenciesUs.length) {
				this.latenciesUs = Arrays.copyOf(this.latenciesUs, this.latencyCount + other.latencyCount);
			}
			System.arraycopy(other.latenciesUs, 0, this.latenciesUs, this.latencyCount, other.latencyCount);
			this.latencyCount += other.latencyCount;
			if (this.firstProblem == null) {
				this.firstProblem = other.firstProblem;
			}
		}

		long[] latenciesSorted() {
			long[] sorted = Arrays.copyOf(this.latenciesUs, this.latencyCount);
			Arrays.sort(sorted);
			return sorted;
		}

	}

	/** One request slot: a connection, what to send, what came back. */
	static final class Request {

		SocketChannel channel;

		long startNs;

		boolean counted;

		ByteBuffer out;

		ByteBuffer in = ByteBuffer.allocate(2048);

		byte[] payload;

	}

	/** A selector thread keeping its share of the requests in flight. */
	static final class Worker implements Runnable {

		final Settings settings;

		final Clock clock;

		final Request[] requests;

		final Tally tally = new Tally();

		Selector selector;

		int open;

		Worker(Settings settings, Clock clock, int slots) {
			this.settings = settings;
			this.clock = clock;
			this.requests = new Request[slots];
			for (int i = 0; i < slots; i++) {
				this.requests[i] = new Request();
			}
		}

		@Override
		public void run() {
			long timeoutNs = this.settings.timeoutMs * 1_000_000L;
			long hardStopNs = this.clock.measureUntilNs + timeoutNs + 5_000_000_000L;
			try (Selector selector = Selector.open()) {
				this.selector = selector;
				for (Request request : this.requests) {
					next(request);
				}
				long nextSweep = 0;
				while (this.open > 0 && System.nanoTime() < hardStopNs) {
					selector.select(10);
					for (SelectionKey key : selector.selectedKeys()) {
						ready(key);
					}
					selector.selectedKeys().clear();
					long now = System.nanoTime();
					if (now >= nextSweep) {
						nextSweep = now + 10_000_000L;
						for (Request request : this.requests) {
							if (request.channel != null && now - request.startNs > timeoutNs) {
								if (request.counted) {
									this.tally.timeouts++;
								}
								end(request);
							}
						}
					}
				}
				for (Request request : this.requests) {
					close(request); // past the hard stop: left unfinished, not counted
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** Start the slot's next request, if the clock allows one. */
		void next(Request request) {
			while (true) {
				long now = System.nanoTime();
				if (!this.clock.mayStart(now)) {
					return;
				}
				String text = this.settings.payload.replace("{i}",
						Long.toString(this.clock.sequence.incrementAndGet()));
				request.payload = text.getBytes(StandardCharsets.UTF_8);
				request.out = ByteBuffer.wrap(request.payload);
				request.in.clear();
				request.startNs = now;
				request.counted = now >= this.clock.measureFromNs;
				try {
					SocketChannel channel = SocketChannel.open();
					request.channel = channel;
					this.open++;
					channel.configureBlocking(false);
					channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
					boolean connected = channel.connect(this.settings.address);
					SelectionKey key = channel.register(this.selector, SelectionKey.OP_CONNECT, request);
					if (connected) {
						send(key, request);
					}
					return;
				}
				catch (IOException ex) {
					if (request.counted) {
						this.tally.connectErrors++;
					}
					close(request);
				}
			}
		}

		void ready(SelectionKey key) {
			Request request = (Request) key.attachment();
			if (!key.isValid() || request.channel != key.channel()) {
				return;
			}
			try {
				if (key.isConnectable()) {
					try {
						request.channel.finishConnect();
					}
					catch (IOException ex) {
						if (request.counted) {
							this.tally.connectErrors++;
						}
						end(request);
						return;
					}
					send(key, request);
				}
				else if (key.isWritable()) {
					send(key, request);
				}
				else if (key.isReadable()) {
					receive(request);
				}
			}
			catch (IOException ex) {
				if (request.counted) {
					this.tally.ioErrors++;
				}
				end(request);
			}
		}

		void send(SelectionKey key, Request request) throws IOException {
			request.channel.write(request.out);
			key.interestOps(request.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
		}

		void receive(Request request) throws IOException {
			while (true) {
				if (!request.in.hasRemaining()) {
					if (request.in.capacity() >= MAX_REPLY_BYTES) {
						bad(request, "a reply longer than " + MAX_REPLY_BYTES + " bytes");
						return;
					}
					request.in = ByteBuffer.allocate(request.in.capacity() * 4).put(request.in.flip());
				}
				int read = request.channel.read(request.in);
				if (read == 0) {
					return;
				}
				if (read < 0) {
					long now = System.nanoTime();
					String problem = Replies.problem(this.settings.mode, request.payload,
							Arrays.copyOf(request.in.array(), request.in.position()));
					if (problem != null) {
						bad(request, problem);
					}
					else {
						if (request.counted) {
							this.tally.success(now - request.startNs, now);
						}
						end(request);
					}
					return;
				}
			}
		}

		void bad(Request request, String problem) {
			if (request.counted) {
				this.tally.badReplies++;
				if (this.tally.firstProblem == null) {
					this.tally.firstProblem = problem;
				}
			}
			end(request);
		}

		void end(Request request) {
			close(request);
			next(request);
		}

		void close(Request request) {
			if (request.channel == null) {
				return;
			}
			try {
				request.channel.close();
			}
			catch (IOException ex) {
				// already gone: nothing to release
			}
			request.channel = null;
			this.open--;
		}

	}

	/** What makes a reply right. */
	static final class Replies {

		private Replies() {
		}

		/** Null when the reply is right, else what is wrong with it. */
		static String problem(String mode, byte[] payload, byte[] reply) {
			if (mode.equals("echo")) {
				byte[] expected = Arrays.copyOf(ECHO_PREFIX, ECHO_PREFIX.length + payload.length);
				System.arraycopy(payload, 0, expected, ECHO_PREFIX.length, payload.length);
				return Arrays.equals(expected, reply) ? null
						: "expected \"" + text(expected) + "\", got \"" + text(reply) + "\"";
			}
			String json = new String(reply, StandardCharsets.UTF_8);
			try {
				return Boolean.TRUE.equals(new StatusReader(json).topLevelStatus()) ? null
						: "\"status\" is not true: " + text(reply);
			}
			catch (IllegalArgumentException ex) {
				return "not a JSON object (" + ex.getMessage() + "): " + text(reply);
			}
		}

		static String text(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.UTF_8);
			return text.length() > 160 ? text.substring(0, 160) + "…" : text;
		}

	}

	/**
	 * Checks that a text is one well-formed JSON object and returns the value of its top-level
	 * "status" when it is a boolean (null otherwise). Strict enough to catch a truncated or
	 * doubled reply; builds nothing.
	 */
	static final class StatusReader {

		final String json;

		int at;

		Boolean status;

		StatusReader(String json) {
			this.json = json;
		}

		Boolean topLevelStatus() {
			space();
			if (peek() != '{') {
				throw fail("not an object");
			}
			value(0, null);
			space();
			if (this.at != this.json.length()) {
				throw fail("text after the object");
			}
			return this.status;
		}

		/** Reads a value; at depth 1 under the key "status", a boolean is remembered. */
		void value(int depth, String key) {
			space();
			char c = peek();
			if (c == '{' || c == '[') {
				if (depth > 64) {
					throw fail("nested too deep");
				}
				this.at++;
				char close = c == '{' ? '}' : ']';
				space();
				if (peek() == close) {
					this.at++;
					return;
				}
				while (true) {
					space();
					String member = null;
					if (c == '{') {
						member = string();
						space();
						expect(':');
					}
					value(depth + 1, member);
					space();
					char after = peek();
					this.at++;
					if (after == close) {
						return;
					}
					if (after != ',') {
						throw fail("expected ',' or '" + close + "'");
					}
				}
			}
			if (c == '"') {
				string();
			}
			else if (this.json.startsWith("true", this.at) || this.json.startsWith("false", this.at)) {
				boolean value = c == 't';
				this.at += value ? 4 : 5;
				if (depth == 1 && "status".equals(key)) {
					this.status = value;
				}
			}
			else if (this.json.startsWith("null", this.at)) {
				this.at += 4;
			}
			else {
				int from = this.at;
				while (this.at < this.json.length() && "+-0123456789.eE".indexOf(this.json.charAt(this.at)) >= 0) {
					this.at++;
				}
				if (from == this.at) {
					throw fail("unexpected '" + c + "'");
				}
			}
		}

		String string() {
			expect('"');
			StringBuilder text = new StringBuilder();
			while (true) {
				char c = peek();
				this.at++;
				if (c == '"') {
					return text.toString();
				}
				if (c < 0x20) {
					throw fail("control character in a string");
				}
				if (c == '\\') {
					char escaped = peek();
					this.at += (escaped == 'u') ? 5 : 1;
					if (this.at > this.json.length()) {
						throw fail("cut escape");
					}
				}
				text.append(c);
			}
		}

		void expect(char c) {
			if (peek() != c) {
				throw fail("expected '" + c + "'");
			}
			this.at++;
		}

		char peek() {
			if (this.at >= this.json.length()) {
				throw fail("ends too early");
			}
			return this.json.charAt(this.at);
		}

		void space() {
			while (this.at < this.json.length() && " \t\r\n".indexOf(this.json.charAt(this.at)) >= 0) {
				this.at++;
			}
		}

		IllegalArgumentException fail(String why) {
			return new IllegalArgumentException(why + " at character " + this.at);
		}

	}

}
