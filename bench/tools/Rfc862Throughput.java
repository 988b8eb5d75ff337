import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RFC 862 echo throughput: each connection streams --mib MiB of a known pattern and reads it
 * back at the same time (a writer and a reader thread), checking every byte. Loopback only,
 * bounded by size and --timeout-s. Prints one line:
 * mib_s=.. mib=.. connections=.. secs=.. errors=..
 *
 *   java Rfc862Throughput.java --port 13307 [--mib 512] [--connections 1] [--chunk 65536] [--timeout-s 60]
 */
public class Rfc862Throughput {

    public static void main(String[] args) throws Exception {
        int port = -1, connections = 1, chunk = 64 * 1024, timeoutS = 60;
        long mib = 512;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--mib" -> mib = Long.parseLong(args[i + 1]);
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--chunk" -> chunk = Integer.parseInt(args[i + 1]);
                case "--timeout-s" -> timeoutS = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port <= 0) throw new IllegalArgumentException("--port is required");
        long bytes = mib * 1024 * 1024;
        makePattern(chunk);
        AtomicLong echoed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(timeoutS * 1000);
            int size = chunk;
            threads.add(Thread.ofPlatform().start(() -> write(socket, bytes, size, errors)));
            threads.add(Thread.ofPlatform().start(() -> read(socket, bytes, size, echoed, errors)));
        }
        long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) { errors.incrementAndGet(); thread.interrupt(); }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double mibDone = echoed.get() / (1024.0 * 1024.0);
        System.out.printf("mib_s=%.1f mib=%.0f connections=%d secs=%.2f errors=%d%n",
                mibDone / secs, mibDone, connections, secs, errors.get());
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    // The stream is a fixed pseudo-random block repeated with a prime period, so that writing is
    // a copy and checking a vectorised compare: the client stays cheap next to the server.
    static final int PERIOD = 65_521;
    static byte[] pattern;

    static void makePattern(int chunk) {
        pattern = new byte[PERIOD + chunk];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < PERIOD; i++) {
            x ^= x << 13; x ^= x >>> 7; x ^= x << 17;
            pattern[i] = (byte) x;
        }
        for (int i = PERIOD; i < pattern.length; i++) pattern[i] = pattern[i - PERIOD];  // byte i is byte i % PERIOD
    }

    static void write(Socket socket, long bytes, int chunk, AtomicLong errors) {
        try {
            OutputStream out = socket.getOutputStream();
            for (long sent = 0; sent < bytes; ) {
                int n = (int) Math.min(chunk, bytes - sent);
                out.write(pattern, (int) (sent % PERIOD), n);
                sent += n;
            }
            socket.shutdownOutput();
        } catch (IOException ex) {
            errors.incrementAndGet();
        }
    }

    static void read(Socket socket, long bytes, int chunk, AtomicLong echoed, AtomicLong errors) {
        byte[] buffer = new byte[chunk];
        long received = 0;
        try (socket) {
            InputStream in = socket.getInputStream();
            int n;
            while (received < bytes && (n = in.read(buffer)) > 0) {
                int from = (int) (received % PERIOD);
                if (Arrays.mismatch(buffer, 0, n, pattern, from, from + n) >= 0) { errors.incrementAndGet(); return; }
                received += n;
                echoed.addAndGet(n);
            }
            if (received != bytes) errors.incrementAndGet();
        } catch (IOException ex) {
            errors.incrementAndGet();
        }
    }
}
