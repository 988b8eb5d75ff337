import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TCP line chat fan-out: --clients connections to the suite's TCP chat, each a guest
 * ({@code /nick PREFIX<i>}) in one room ({@code /join #ROOM}); once every client's sign-in and
 * join were answered and --settle-ms passed, client 0 says --messages lines --interval-ms apart
 * and every other client must receive each one ({@code [#room] PREFIX0: text}) exactly once.
 * Each line's text carries a marker unique to the run, its sequence number and its send time
 * (System.nanoTime of this process, so the receivers' clock is the same), then a fixed tail
 * with non-ASCII characters that the receivers compare, so a line the server garbled is seen.
 * Latency is receive time minus send time, per delivery.
 *
 * <pre>
 * java TcpChatFanout.java --port P [--clients 1000] [--messages 5] [--interval-ms 50]
 *      [--room bench] [--prefix tcb] [--parallel 200] [--threads 2] [--settle-ms 1000]
 *      [--timeout-s 120]
 * </pre>
 *
 * NIO, --threads selector threads (client i on thread i mod threads), one shared read buffer
 * each: 10,000 clients fit in -Xmx256m. A client is in flight from its connect until its join
 * is answered (or it failed): at most --parallel are, so that sign-ins go at the server's pace.
 * Lines are cut at each '\n' byte, whatever the reads' boundaries (a '\n' byte is never part of
 * a multi-byte UTF-8 sequence), and decoded as UTF-8 whole. Lines other than the answers and the
 * run's messages (the presence announcements of the other clients, "Online: …") are skipped;
 * "ERROR …" lines are counted and the first one printed on stderr.
 *
 * Bounded: at most 20,000 clients and 1,000 messages; connecting and signing in, then the
 * deliveries after the last line said, each stop after --timeout-s; everything is closed at the
 * end. Loopback only. Prints one line:
 * clients=.. connected=.. signed_in=.. messages=.. expected=.. delivered=.. lost=.. dup=..
 * p50_ms=.. p99_ms=.. max_ms=.. connect_s=.. connect_err=.. closed_early=.. end=done|timeout
 * where connected counts the TCP connects that succeeded, signed_in the clients whose /nick and
 * /join were both answered, expected = messages said × the signed-in clients other than the
 * sender when the first one was said, closed_early the connections the server closed before the
 * end, and exits 1 unless every client signed in and got every line exactly once.
 */
public final class TcpChatFanout {

	static final int MAX_CLIENTS = 20_000;

	static final int MAX_MESSAGES = 1_000;

	/** The longest line kept (the welcome's "Online: …" names everyone: ~80 KiB at 10,000). */
	static final int MAX_LINE_BYTES = 1 << 20;

	/** After the last expected delivery, how long duplicates are still watched for. */
	static final long DUP_GRACE_NS = 250_000_000L;

	/** The text after a message's numbers: non-ASCII on purpose, compared by the receivers. */
	static final String TAIL = "déjà-vu ✓ ünïcødé";

	static final byte[] TAIL_BYTES = TAIL.getBytes(StandardCharsets.UTF_8);

	static final byte[] ERROR = "ERROR ".getBytes(StandardCharsets.US_ASCII);

	/** The end of the answer to a join: "#room JOINED". */
	static final String JOINED_ANSWER = " JOINED";

	// client states
	static final int WAITING = 0, CONNECTING = 1, GREETED_WAIT = 2, NICK_SENT = 3, JOIN_SENT = 4, JOINED = 5,
			FAILED = 6, CLOSED = 7;

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		Run run = new Run(settings);
		System.exit(run.run() ? 0 : 1);
	}

	/** The command line, checked. */
	record Settings(InetSocketAddress address, int clients, int messages, int intervalMs, String room, String prefix,
			int parallel, int threads, int settleMs, double timeoutS) {

		static Settings parse(String[] args) {
			String host = "127.0.0.1", room = "bench", prefix = "tcb";
			int port = 0, clients = 1000, messages = 5, intervalMs = 50, parallel = 200, threads = 2, settleMs = 1000;
			double timeoutS = 120;
			if (args.length % 2 != 0) {
				usage("every option takes one value");
			}
			for (int i = 0; i < args.length; i += 2) {
				String value = args[i + 1];
				switch (args[i]) {
					case "--host" -> host = value;
					case "--port" -> port = Integer.parseInt(value);
					case "--clients", "-n" -> clients = Integer.parseInt(value);
					case "--messages", "-m" -> messages = Integer.parseInt(value);
					case "--interval-ms" -> intervalMs = Integer.parseInt(value);
					case "--room" -> room = value.startsWith("#") ? value.substring(1) : value;
					case "--prefix" -> prefix = value;
					case "--parallel" -> parallel = Integer.parseInt(value);
					case "--threads", "-t" -> threads = Integer.parseInt(value);
					case "--settle-ms" -> settleMs = Integer.parseInt(value);
					case "--timeout-s" -> timeoutS = Double.parseDouble(value);
					default -> usage("unknown option " + args[i]);
				}
			}
			check(port > 0 && port < 65536, "--port is required (1..65535)");
			check(clients >= 2 && clients <= MAX_CLIENTS, "--clients must be 2..20000");
			check(messages >= 1 && messages <= MAX_MESSAGES, "--messages must be 1..1000");
			check(intervalMs >= 0 && intervalMs <= 10_000, "--interval-ms must be 0..10000");
			check(room.matches("[\\p{L}\\p{Nd}_-]{1,32}"), "--room must be 1 to 32 letters, digits, '_' or '-'");
			// the server's nickname rule: 3 to 32 letters, digits, '_' or '-'
			check(prefix.matches("[\\p{L}\\p{Nd}_-]{2,26}"), "--prefix must be 2 to 26 letters, digits, '_' or '-'");
			check(parallel >= 1 && parallel <= 5_000, "--parallel must be 1..5000");
			check(threads >= 1 && threads <= 16, "--threads must be 1..16");
			check(settleMs >= 0 && settleMs <= 300_000, "--settle-ms must be 0..300000");
			check(timeoutS > 0 && timeoutS <= 600, "--timeout-s must be in (0, 600]");
			InetSocketAddress address = new InetSocketAddress(host, port);
			InetAddress ip = address.getAddress();
			check(ip != null && ip.isLoopbackAddress(), "loopback targets only, not " + host);
			return new Settings(address, clients, messages, intervalMs, room, prefix, parallel,
					Math.min(threads, clients), settleMs, timeoutS);
		}

		static void check(boolean condition, String problem) {
			if (!condition) {
				usage(problem);
			}
		}

		static void usage(String problem) {
			System.err.println("TcpChatFanout: " + problem);
			System.err.println("usage: java TcpChatFanout.java --port P [--clients 1000] [--messages 5] [--interval-ms 50]"
					+ " [--room bench] [--prefix tcb] [--parallel 200] [--threads 2] [--settle-ms 1000] [--timeout-s 120]");
			System.exit(2);
		}

	}

	/** One connection and where it is in the protocol. */
	static final class Client {

		final int index;

		final byte[] nickLine;

		SocketChannel channel;

		/** Written by its worker, read by the main thread. */
		volatile int state = WAITING;

		/** The start of a line whose end has not arrived yet. */
		byte[] carry;

		int carryLength;

		/** What a write could not take at once (sign-in lines only). */
		ByteBuffer pending;

		Client(int index, String prefix) {
			this.index = index;
			this.nickLine = ("/nick " + prefix + index + "\n").getBytes(StandardCharsets.UTF_8);
		}

	}

	/** The whole run: the workers, the phases, the tally. */
	static final class Run {

		final Settings settings;

		final Client[] clients;

		final Worker[] workers;

		final long originNs = System.nanoTime();

		final byte[] marker;

		/** The expected line's start, "[#room] PREFIX0: " + marker, known once a join was answered. */
		final AtomicReference<byte[]> messagePrefix = new AtomicReference<>();

		/** Deliveries per client and sequence number (written by the client's worker only). */
		final byte[] seen;

		/** Who must receive the lines, fixed before the first one is said. */
		final boolean[] receiver;

		volatile boolean receiversFixed;

		volatile boolean stopping;

		volatile long connectDeadlineNs;

		final AtomicInteger connected = new AtomicInteger();

		final AtomicInteger resolved = new AtomicInteger();

		final AtomicInteger joined = new AtomicInteger();

		final AtomicInteger connectErrors = new AtomicInteger();

		final AtomicInteger closedEarly = new AtomicInteger();

		final AtomicInteger errorLines = new AtomicInteger();

		final AtomicInteger badLines = new AtomicInteger();

		final AtomicLong delivered = new AtomicLong();

		final AtomicLong duplicates = new AtomicLong();

		final AtomicReference<String> firstError = new AtomicReference<>();

		final AtomicReference<String> firstBad = new AtomicReference<>();

		final AtomicReference<String> firstConnectError = new AtomicReference<>();

		Run(Settings settings) {
			this.settings = settings;
			this.clients = new Client[settings.clients];
			for (int i = 0; i < this.clients.length; i++) {
				this.clients[i] = new Client(i, settings.prefix);
			}
			this.seen = new byte[settings.clients * settings.messages];
			this.receiver = new boolean[settings.clients];
			byte[] random = new byte[4];
			ThreadLocalRandom.current().nextBytes(random);
			this.marker = ("tcf" + HexFormat.of().formatHex(random) + " ").getBytes(StandardCharsets.US_ASCII);
			this.workers = new Worker[settings.threads];
			for (int w = 0; w < this.workers.length; w++) {
				int share = settings.parallel / settings.threads + (w < settings.parallel % settings.threads ? 1 : 0);
				this.workers[w] = new Worker(this, w, Math.max(1, share));
			}
		}

		boolean run() throws Exception {
			Settings s = this.settings;
			long timeoutNs = (long) (s.timeoutS * 1e9);
			long start = System.nanoTime();
			this.connectDeadlineNs = start + timeoutNs;
			Thread[] threads = new Thread[this.workers.length];
			for (int w = 0; w < threads.length; w++) {
				threads[w] = Thread.ofPlatform().name("tcp-chat-" + w).start(this.workers[w]);
			}
			boolean timedOut = false;
			// connect, sign in and join every client
			while (this.resolved.get() < s.clients) {
				if (System.nanoTime() >= this.connectDeadlineNs || workerDied(threads)) {
					timedOut = true;
					break;
				}
				Thread.sleep(5);
			}
			double connectS = (System.nanoTime() - start) / 1e9;
			if (timedOut) {
				System.err.printf(Locale.ROOT, "TcpChatFanout: %d of %d clients signed in and joined within %.0f s%n",
						this.joined.get(), s.clients, s.timeoutS);
			}
			Thread.sleep(s.settleMs);

			// who must receive the lines: the clients signed in and joined, still open, but the sender
			Client sender = this.clients[0];
			int receivers = 0;
			for (Client client : this.clients) {
				if (client.index != 0 && client.state == JOINED) {
					this.receiver[client.index] = true;
					receivers++;
				}
			}
			this.receiversFixed = true;
			byte[] prefix = this.messagePrefix.get();
			int said = 0;
			long lastSaidNs = System.nanoTime();
			if (sender.state != JOINED || prefix == null) {
				System.err.println("TcpChatFanout: the sender (client 0) is not signed in and joined: nothing said");
				timedOut = true;
			}
			else {
				for (int seq = 0; seq < s.messages && !this.stopping; seq++) {
					long sentNs = System.nanoTime();
					String text = new String(this.marker, StandardCharsets.US_ASCII) + seq + " " + (sentNs - this.originNs)
							+ " " + TAIL + "\n";
					if (!writeFully(sender, text.getBytes(StandardCharsets.UTF_8), sentNs + timeoutNs)) {
						System.err.println("TcpChatFanout: the sender's connection failed at line " + seq);
						timedOut = true;
						break;
					}
					said++;
					lastSaidNs = System.nanoTime();
					if (s.intervalMs > 0 && seq + 1 < s.messages) {
						Thread.sleep(s.intervalMs);
					}
				}
			}
			long expected = (long) said * receivers;
			// the deliveries, then a short watch for duplicates
			long drainDeadline = lastSaidNs + timeoutNs;
			while (this.delivered.get() < expected && System.nanoTime() < drainDeadline && !workerDied(threads)) {
				Thread.sleep(2);
			}
			if (this.delivered.get() < expected) {
				timedOut = true;
			}
			else {
				Thread.sleep(DUP_GRACE_NS / 1_000_000);
			}

			this.stopping = true;
			for (Worker worker : this.workers) {
				worker.selector.wakeup();
			}
			for (Thread thread : threads) {
				thread.join(10_000);
			}
			long delivered = this.delivered.get();
			int[] latencies = latenciesSorted();
			report("first error line", this.firstError.get(), this.errorLines.get());
			report("first unexpected message line", this.firstBad.get(), this.badLines.get());
			report("first connect error", this.firstConnectError.get(), this.connectErrors.get());
			int connected = this.connected.get();
			int signedIn = this.joined.get();
			long lost = expected - delivered;
			long dup = this.duplicates.get();
			System.out.printf(Locale.ROOT,
					"clients=%d connected=%d signed_in=%d messages=%d expected=%d delivered=%d lost=%d dup=%d"
							+ " p50_ms=%.3f p99_ms=%.3f max_ms=%.3f connect_s=%.2f connect_err=%d closed_early=%d end=%s%n",
					s.clients, connected, signedIn, said, expected, delivered, lost, dup, percentileMs(latencies, 50),
					percentileMs(latencies, 99), percentileMs(latencies, 100), connectS, this.connectErrors.get(),
					this.closedEarly.get(), timedOut ? "timeout" : "done");
			return !timedOut && said == s.messages && lost == 0 && dup == 0 && connected == s.clients
					&& signedIn == s.clients && this.closedEarly.get() == 0 && this.badLines.get() == 0;
		}

		static void report(String what, String first, int count) {
			if (first != null) {
				System.err.println("TcpChatFanout: " + what + " (of " + count + "): " + first);
			}
		}

		boolean workerDied(Thread[] threads) {
			for (Thread thread : threads) {
				if (!thread.isAlive()) {
					return true;
				}
			}
			return false;
		}

		/** The sender's line, written from this thread (its worker only reads it by now). */
		boolean writeFully(Client sender, byte[] line, long deadlineNs) throws InterruptedException {
			ByteBuffer out = ByteBuffer.wrap(line);
			try {
				while (out.hasRemaining()) {
					if (sender.channel.write(out) == 0) {
						if (System.nanoTime() >= deadlineNs) {
							return false;
						}
						Thread.sleep(1);
					}
				}
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		int[] latenciesSorted() {
			int total = 0;
			for (Worker worker : this.workers) {
				total += worker.latencyCount;
			}
			int[] all = new int[total];
			int at = 0;
			for (Worker worker : this.workers) {
				System.arraycopy(worker.latenciesUs, 0, all, at, worker.latencyCount);
				at += worker.latencyCount;
			}
			Arrays.sort(all);
			return all;
		}

		/** The nearest-rank percentile of sorted microseconds, in milliseconds. */
		static double percentileMs(int[] sorted, double p) {
			if (sorted.length == 0) {
				return 0;
			}
			int rank = (int) Math.ceil(p / 100 * sorted.length);
			return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1000.0;
		}

		static void first(AtomicReference<String> first, String text) {
			first.compareAndSet(null, text.length() > 200 ? text.substring(0, 200) + "…" : text);
		}

	}

	/** A selector thread: its share of the clients, connected, signed in, read. */
	static final class Worker implements Runnable {

		final Run run;

		final int number;

		final int parallel;

		final Selector selector;

		final ByteBuffer in = ByteBuffer.allocate(64 * 1024);

		final byte[] joinLine;

		final List<Client> mine = new ArrayList<>();

		int next;

		int inFlight;

		boolean expired;

		int[] latenciesUs = new int[1024];

		int latencyCount;

		Worker(Run run, int number, int parallel) {
			this.run = run;
			this.number = number;
			this.parallel = parallel;
			try {
				this.selector = Selector.open();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.joinLine = ("/join #" + run.settings.room + "\n").getBytes(StandardCharsets.UTF_8);
			for (int i = number; i < run.clients.length; i += run.settings.threads) {
				this.mine.add(run.clients[i]);
			}
		}

		@Override
		public void run() {
			try {
				while (!this.run.stopping) {
					startConnects();
					this.selector.select(10);
					for (SelectionKey key : this.selector.selectedKeys()) {
						ready(key);
					}
					this.selector.selectedKeys().clear();
				}
			}
			catch (IOException | RuntimeException ex) {
				System.err.println("TcpChatFanout: worker " + this.number + " failed: " + ex);
			}
			finally {
				for (SelectionKey key : this.selector.keys()) {
					try {
						key.channel().close();
					}
					catch (IOException ex) {
						// closing anyway
					}
				}
				try {
					this.selector.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}

		/** Start connects while fewer than this worker's share are in flight, until the deadline. */
		void startConnects() {
			if (this.expired) {
				return;
			}
			if (System.nanoTime() >= this.run.connectDeadlineNs) {
				// past the deadline: the clients still connecting or never started are connect errors
				this.expired = true;
				while (this.next < this.mine.size()) {
					Client client = this.mine.get(this.next++);
					client.state = FAILED;
					this.run.connectErrors.incrementAndGet();
					Run.first(this.run.firstConnectError, "not connected within --timeout-s");
				}
				for (Client client : this.mine) {
					if (client.state == CONNECTING) {
						this.run.connectErrors.incrementAndGet();
						Run.first(this.run.firstConnectError, "still connecting after --timeout-s");
						close(client, FAILED);
					}
				}
				return;
			}
			while (this.inFlight < this.parallel && this.next < this.mine.size()) {
				Client client = this.mine.get(this.next++);
				this.inFlight++;
				client.state = CONNECTING;
				try {
					SocketChannel channel = SocketChannel.open();
					client.channel = channel;
					channel.configureBlocking(false);
					channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
					boolean done = channel.connect(this.run.settings.address);
					SelectionKey key = channel.register(this.selector, SelectionKey.OP_CONNECT, client);
					if (done) {
						connectedNow(key, client);
					}
				}
				catch (IOException ex) {
					connectFailed(client, ex);
				}
			}
		}

		void connectedNow(SelectionKey key, Client client) {
			this.run.connected.incrementAndGet();
			client.state = GREETED_WAIT;
			key.interestOps(SelectionKey.OP_READ);
		}

		void connectFailed(Client client, IOException ex) {
			this.run.connectErrors.incrementAndGet();
			Run.first(this.run.firstConnectError, String.valueOf(ex));
			close(client, FAILED);
		}

		void ready(SelectionKey key) {
			Client client = (Client) key.attachment();
			if (!key.isValid()) {
				return;
			}
			if (key.isConnectable()) {
				try {
					client.channel.finishConnect();
				}
				catch (IOException ex) {
					connectFailed(client, ex);
					return;
				}
				connectedNow(key, client);
				return;
			}
			if (key.isWritable()) {
				flush(client);
			}
			if (key.isValid() && key.isReadable()) {
				read(client);
			}
		}

		/** Read what arrived (a bounded number of times, for fairness) and cut it into lines. */
		void read(Client client) {
			for (int reads = 0; reads < 8; reads++) {
				this.in.clear();
				int n;
				try {
					n = client.channel.read(this.in);
				}
				catch (IOException ex) {
					n = -1;
				}
				if (n < 0) {
					if (!this.run.stopping) {
						this.run.closedEarly.incrementAndGet();
					}
					close(client, CLOSED);
					return;
				}
				if (n == 0) {
					return;
				}
				byte[] bytes = this.in.array();
				int from = 0;
				for (int i = 0; i < n; i++) {
					if (bytes[i] != '\n') {
						continue;
					}
					if (client.carryLength > 0) {
						if (!append(client, bytes, from, i - from)) {
							tooLong(client);
							return;
						}
						int length = client.carryLength;
						client.carryLength = 0;
						line(client, client.carry, 0, length);
						if (client.carry != null && client.carry.length > 4096) {
							client.carry = null; // a long welcome line: not kept for every client
						}
					}
					else {
						line(client, bytes, from, i - from);
					}
					if (client.state == FAILED || client.state == CLOSED) {
						return;
					}
					from = i + 1;
				}
				if (from < n && !append(client, bytes, from, n - from)) {
					tooLong(client);
					return;
				}
			}
		}

		void tooLong(Client client) {
			this.run.errorLines.incrementAndGet();
			Run.first(this.run.firstError, "a line longer than " + MAX_LINE_BYTES + " bytes");
			fail(client);
		}

		boolean append(Client client, byte[] bytes, int from, int length) {
			int needed = client.carryLength + length;
			if (needed > MAX_LINE_BYTES) {
				return false;
			}
			if (client.carry == null || client.carry.length < needed) {
				int size = Math.max(256, Integer.highestOneBit(Math.max(1, needed - 1)) << 1);
				client.carry = Arrays.copyOf(client.carry == null ? new byte[0] : client.carry, size);
			}
			System.arraycopy(bytes, from, client.carry, client.carryLength, length);
			client.carryLength = needed;
			return true;
		}

		/** One whole line (without its '\n'). */
		void line(Client client, byte[] bytes, int from, int length) {
			if (length > 0 && bytes[from + length - 1] == '\r') {
				length--;
			}
			if (length == 0) {
				return;
			}
			if (client.state == JOINED) {
				byte[] prefix = this.run.messagePrefix.get();
				if (startsWith(bytes, from, length, prefix)) {
					message(client, bytes, from + prefix.length, length - prefix.length);
				}
				else if (startsWith(bytes, from, length, ERROR)) {
					this.run.errorLines.incrementAndGet();
					Run.first(this.run.firstError, text(bytes, from, length));
				}
				return;
			}
			if (bytes[from] == '*') {
				return; // someone else's presence
			}
			String line = text(bytes, from, length);
			if (line.startsWith("ERROR ")) {
				this.run.errorLines.incrementAndGet();
				Run.first(this.run.firstError, line);
				fail(client);
				return;
			}
			switch (client.state) {
				case GREETED_WAIT -> {
					if (line.startsWith("Welcome")) {
						client.state = NICK_SENT;
						write(client, client.nickLine);
					}
				}
				case NICK_SENT -> {
					if (line.startsWith("OK you are ")) {
						client.state = JOIN_SENT;
						write(client, this.joinLine);
					}
				}
				case JOIN_SENT -> {
					if (line.startsWith("#") && line.endsWith(JOINED_ANSWER)) {
						String room = line.substring(0, line.length() - JOINED_ANSWER.length());
						byte[] prefix = ("[" + room + "] " + this.run.settings.prefix + "0: ")
							.getBytes(StandardCharsets.UTF_8);
						byte[] full = Arrays.copyOf(prefix, prefix.length + this.run.marker.length);
						System.arraycopy(this.run.marker, 0, full, prefix.length, this.run.marker.length);
						this.run.messagePrefix.compareAndSet(null, full);
						client.state = JOINED;
						this.run.joined.incrementAndGet();
						resolve();
					}
				}
				default -> {
				}
			}
		}

		/** "SEQ SENT_NS TAIL" after the prefix and marker: one delivery. */
		void message(Client client, byte[] bytes, int from, int length) {
			int end = from + length;
			long[] number = new long[1];
			int at = digits(bytes, from, end, number);
			long seq = number[0];
			int afterSeq = at;
			at = (at > from && at < end && bytes[at] == ' ') ? digits(bytes, at + 1, end, number) : -1;
			long sentRelNs = number[0];
			boolean tailRight = at > afterSeq + 1 && at < end && bytes[at] == ' '
					&& Arrays.equals(bytes, at + 1, end, TAIL_BYTES, 0, TAIL_BYTES.length);
			int messages = this.run.settings.messages;
			if (!tailRight || seq >= messages) {
				this.run.badLines.incrementAndGet();
				Run.first(this.run.firstBad, text(bytes, from, length));
				return;
			}
			if (!this.run.receiversFixed || !this.run.receiver[client.index]) {
				return; // not one of the receivers (the sender, or joined too late)
			}
			long now = System.nanoTime();
			int slot = client.index * messages + (int) seq;
			byte count = this.run.seen[slot];
			if (count < Byte.MAX_VALUE) {
				this.run.seen[slot] = (byte) (count + 1);
			}
			if (count > 0) {
				this.run.duplicates.incrementAndGet();
				return;
			}
			long latencyUs = (now - this.run.originNs - sentRelNs) / 1000;
			if (this.latencyCount == this.latenciesUs.length) {
				this.latenciesUs = Arrays.copyOf(this.latenciesUs, this.latencyCount * 2);
			}
			this.latenciesUs[this.latencyCount++] = Math.clamp(latencyUs, 0, Integer.MAX_VALUE);
			this.run.delivered.incrementAndGet();
		}

		/** Parse the decimal digits from {@code from}; the number in out[0], return where they end. */
		static int digits(byte[] bytes, int from, int end, long[] out) {
			long value = 0;
			int at = from;
			while (at < end && at - from < 18 && bytes[at] >= '0' && bytes[at] <= '9') {
				value = value * 10 + (bytes[at] - '0');
				at++;
			}
			out[0] = value;
			return at;
		}

		static boolean startsWith(byte[] bytes, int from, int length, byte[] prefix) {
			return prefix != null && length >= prefix.length
					&& Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
		}

		static String text(byte[] bytes, int from, int length) {
			return new String(bytes, from, length, StandardCharsets.UTF_8);
		}

		/** A sign-in line; what the socket does not take at once waits for OP_WRITE. */
		void write(Client client, byte[] line) {
			ByteBuffer out = ByteBuffer.wrap(line);
			if (client.pending != null) {
				ByteBuffer both = ByteBuffer.allocate(client.pending.remaining() + line.length);
				client.pending = both.put(client.pending).put(out).flip();
			}
			else {
				client.pending = out;
			}
			flush(client);
		}

		void flush(Client client) {
			SelectionKey key = client.channel.keyFor(this.selector);
			try {
				client.channel.write(client.pending);
			}
			catch (IOException ex) {
				if (!this.run.stopping) {
					this.run.closedEarly.incrementAndGet();
				}
				close(client, CLOSED);
				return;
			}
			if (client.pending.hasRemaining()) {
				key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
			}
			else {
				client.pending = null;
				key.interestOps(SelectionKey.OP_READ);
			}
		}

		/** A client whose sign-in or join was refused: closed, never counted as signed in. */
		void fail(Client client) {
			close(client, FAILED);
		}

		void close(Client client, int state) {
			int before = client.state;
			client.state = state;
			if (client.channel != null) {
				try {
					client.channel.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
			client.carry = null;
			client.pending = null;
			if (before >= CONNECTING && before < JOINED) {
				resolve();
			}
			else if (before == JOINED && client.index == 0) {
				System.err.println("TcpChatFanout: the sender's connection closed");
			}
		}

		/** A client stops being in flight: joined, failed or closed. */
		void resolve() {
			this.inFlight--;
			this.run.resolved.incrementAndGet();
		}

	}

}
