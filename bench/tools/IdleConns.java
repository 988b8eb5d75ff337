import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Idle connections: how many silent connections a server holds at once, and what they cost it.
 * Opens --count connections (at most --parallel connects in flight), holds them without a byte
 * for --hold seconds (a connection the server closes meanwhile is "dropped"), then, with
 * --probe, sends the probe on every held connection at once and checks each answer is the
 * course's echo ("Serveur a reçu " + probe, then close): proof they were all being served.
 * With --pid, measures the server's process tree from /proc: its open fds before and while
 * holding (accepted = the growth), its RSS, its threads.
 *
 * <pre>
 * java IdleConns.java --port P [--count 5000] [--hold 10] [--parallel 200] [--pid PID]
 *      [--probe ping] [--timeout-s 30]
 * </pre>
 *
 * Bounded: at most 30,000 connections; opening and probing each stop after --timeout-s.
 * Loopback only. Prints one line:
 * target=.. held=.. dropped=.. connect_err=.. open_s=.. accepted=.. probed_ok=..
 * rss_before_mib=.. rss_held_mib=.. rss_per_conn_kib=.. threads_held=..
 * and exits 1 unless every connection was held (and answered the probe).
 */
public final class IdleConns {

	public static void main(String[] args) throws Exception {
		String host = "127.0.0.1";
		String probe = null;
		int port = 0, count = 5000, parallel = 200, pid = 0;
		double holdS = 10, timeoutS = 30;
		if (args.length % 2 != 0) {
			usage("every option takes one value");
		}
		for (int i = 0; i < args.length; i += 2) {
			String value = args[i + 1];
			switch (args[i]) {
				case "--host" -> host = value;
				case "--port" -> port = Integer.parseInt(value);
				case "--count", "-n" -> count = Integer.parseInt(value);
				case "--hold" -> holdS = Double.parseDouble(value);
				case "--parallel" -> parallel = Integer.parseInt(value);
				case "--pid" -> pid = Integer.parseInt(value);
				case "--probe" -> probe = value;
				case "--timeout-s" -> timeoutS = Double.parseDouble(value);
				default -> usage("unknown option " + args[i]);
			}
		}
		check(port > 0 && port < 65536, "--port is required (1..65535)");
		check(count >= 1 && count <= 30_000, "--count must be 1..30000");
		check(parallel >= 1 && parallel <= 5_000, "--parallel must be 1..5000");
		check(holdS >= 0 && holdS <= 300, "--hold must be 0..300 seconds");
		check(timeoutS > 0 && timeoutS <= 120, "--timeout-s must be in (0, 120]");
		InetSocketAddress address = new InetSocketAddress(host, port);
		InetAddress ip = address.getAddress();
		check(ip != null && ip.isLoopbackAddress(), "loopback targets only, not " + host);

		ServerTree server = pid > 0 ? new ServerTree(pid) : null;
		long fdsBefore = server == null ? 0 : server.fds();
		long rssBeforeKib = server == null ? 0 : server.sum("VmRSS");

		Holder holder = new Holder(address, count, parallel);
		long openStart = System.nanoTime();
		holder.open(System.nanoTime() + (long) (timeoutS * 1e9));
		double openS = (System.nanoTime() - openStart) / 1e9;

		long rssHeldKib = holder.hold((long) (holdS * 1e9), server);
		long fdsHeld = server == null ? 0 : server.fds();
		long threadsHeld = server == null ? 0 : server.sum("Threads");
		if (server != null) {
			rssHeldKib = Math.max(rssHeldKib, server.sum("VmRSS"));
		}
		int probedOk = probe == null ? -1 : holder.probe(probe, (long) (timeoutS * 1e9));
		int held = holder.held.size();
		holder.closeAll();

		System.out.printf(Locale.ROOT,
				"target=%d held=%d dropped=%d connect_err=%d open_s=%.2f accepted=%s probed_ok=%s"
						+ " rss_before_mib=%s rss_held_mib=%s rss_per_conn_kib=%s threads_held=%s%n",
				count, held, holder.dropped, count - held - holder.dropped, openS,
				server == null ? "na" : Long.toString(fdsHeld - fdsBefore),
				probedOk < 0 ? "na" : Integer.toString(probedOk),
				server == null ? "na" : String.format(Locale.ROOT, "%.1f", rssBeforeKib / 1024.0),
				server == null ? "na" : String.format(Locale.ROOT, "%.1f", rssHeldKib / 1024.0),
				server == null || held == 0 ? "na"
						: String.format(Locale.ROOT, "%.2f", (rssHeldKib - rssBeforeKib) / (double) held),
				server == null ? "na" : Long.toString(threadsHeld));
		boolean good = held == count && (probedOk < 0 || probedOk == count);
		System.exit(good ? 0 : 1);
	}

	static void check(boolean condition, String problem) {
		if (!condition) {
			usage(problem);
		}
	}

	static void usage(String problem) {
		System.err.println("IdleConns: " + problem);
		System.err.println("usage: java IdleConns.java --port P [--count 5000] [--hold 10] [--parallel 200] [--pid PID]"
				+ " [--probe TEXT] [--timeout-s 30]");
		System.exit(2);
	}

	/** The client side: the connections, opened, watched, probed. */
	static final class Holder {

		final InetSocketAddress address;

		final int count;

		final int parallel;

		final Set<SocketChannel> held = new HashSet<>();

		int dropped;

		final Selector selector;

		Holder(InetSocketAddress address, int count, int parallel) throws IOException {
			this.address = address;
			this.count = count;
			this.parallel = parallel;
			this.selector = Selector.open();
		}

		/** Connect all, at most --parallel pending at once, until the deadline. */
		void open(long deadlineNs) throws IOException {
			int started = 0, pending = 0;
			while ((started < this.count || pending > 0) && System.nanoTime() < deadlineNs) {
				while (started < this.count && pending < this.parallel) {
					started++;
					SocketChannel channel = SocketChannel.open();
					try {
						channel.configureBlocking(false);
						if (channel.connect(this.address)) {
							channel.register(this.selector, SelectionKey.OP_READ);
							this.held.add(channel);
						}
						else {
							channel.register(this.selector, SelectionKey.OP_CONNECT);
							pending++;
						}
					}
					catch (IOException ex) {
						channel.close(); // counted as a connect error: never held
					}
				}
				this.selector.select(20);
				for (SelectionKey key : this.selector.selectedKeys()) {
					SocketChannel channel = (SocketChannel) key.channel();
					if (!key.isValid()) {
						continue;
					}
					if (key.isConnectable()) {
						pending--;
						try {
							channel.finishConnect();
							key.interestOps(SelectionKey.OP_READ);
							this.held.add(channel);
						}
						catch (IOException ex) {
							channel.close();
						}
					}
					else if (key.isReadable()) {
						drop(channel);
					}
				}
				this.selector.selectedKeys().clear();
			}
			for (SelectionKey key : this.selector.keys()) {
				if (key.isValid() && (key.interestOps() & SelectionKey.OP_CONNECT) != 0) {
					key.channel().close(); // still connecting at the deadline
				}
			}
		}

		/** Stay silent for the hold; a readable connection is one the server closed (or spoke on). */
		long hold(long holdNs, ServerTree server) throws IOException {
			long end = System.nanoTime() + holdNs;
			long rssPeak = 0;
			long nextSample = 0;
			while (true) {
				long left = end - System.nanoTime();
				if (left <= 0) {
					break;
				}
				this.selector.select(Math.max(1, Math.min(100, left / 1_000_000)));
				for (SelectionKey key : this.selector.selectedKeys()) {
					if (key.isValid() && key.isReadable()) {
						drop((SocketChannel) key.channel());
					}
				}
				this.selector.selectedKeys().clear();
				if (server != null && System.nanoTime() >= nextSample) {
					rssPeak = Math.max(rssPeak, server.sum("VmRSS"));
					nextSample = System.nanoTime() + 250_000_000L;
				}
			}
			return rssPeak;
		}

		void drop(SocketChannel channel) throws IOException {
			if (this.held.remove(channel)) {
				this.dropped++;
			}
			channel.close();
		}

		/** Send the probe on every held connection, then count the right answers. */
		int probe(String probe, long timeoutNs) throws IOException {
			byte[] question = probe.getBytes(StandardCharsets.UTF_8);
			byte[] expected = ("Serveur a reçu " + probe).getBytes(StandardCharsets.UTF_8);
			List<SocketChannel> asked = new ArrayList<>();
			for (SocketChannel channel : this.held) {
				SelectionKey key = channel.keyFor(this.selector);
				try {
					if (channel.write(ByteBuffer.wrap(question)) == question.length) {
						key.attach(ByteBuffer.allocate(expected.length + 1));
						asked.add(channel);
					}
				}
				catch (IOException ex) {
					// a connection that cannot take 4 bytes is not served: not counted
				}
			}
			int right = 0, waiting = asked.size();
			long end = System.nanoTime() + timeoutNs;
			while (waiting > 0 && System.nanoTime() < end) {
				this.selector.select(50);
				for (SelectionKey key : this.selector.selectedKeys()) {
					if (!key.isValid() || !(key.attachment() instanceof ByteBuffer answer)) {
						continue;
					}
					SocketChannel channel = (SocketChannel) key.channel();
					int read;
					try {
						read = answer.hasRemaining() ? channel.read(answer) : -2;
					}
					catch (IOException ex) {
						read = -2;
					}
					if (read < 0) {
						if (read == -1 && Arrays.equals(Arrays.copyOf(answer.array(), answer.position()), expected)) {
							right++;
						}
						key.attach(null);
						channel.close();
						waiting--;
					}
				}
				this.selector.selectedKeys().clear();
			}
			return right;
		}

		void closeAll() throws IOException {
			for (SelectionKey key : this.selector.keys()) {
				key.channel().close();
			}
			this.selector.close();
		}

	}

	/** The server's process and its descendants, read from /proc. */
	record ServerTree(int pid) {

		List<Integer> pids() {
			List<Integer> pids = new ArrayList<>(List.of(this.pid));
			for (int i = 0; i < pids.size(); i++) {
				Path children = Path.of("/proc", pids.get(i).toString(), "task", pids.get(i).toString(), "children");
				try {
					for (String child : Files.readString(children).trim().split("\\s+")) {
						if (!child.isEmpty()) {
							pids.add(Integer.valueOf(child));
						}
					}
				}
				catch (IOException ex) {
					// the process ended: no children to add
				}
			}
			return pids;
		}

		long fds() {
			long fds = 0;
			for (int p : pids()) {
				String[] open = Path.of("/proc", Integer.toString(p), "fd").toFile().list();
				fds += open == null ? 0 : open.length;
			}
			return fds;
		}

		/** The sum over the tree of a numeric /proc/PID/status field (VmRSS in KiB, Threads). */
		long sum(String field) {
			long total = 0;
			for (int p : pids()) {
				try {
					for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(p), "status"))) {
						if (line.startsWith(field + ":")) {
							total += Long.parseLong(line.replaceAll("[^0-9]", ""));
						}
					}
				}
				catch (IOException ex) {
					// the process ended: counts for nothing
				}
			}
			return total;
		}

	}

}
