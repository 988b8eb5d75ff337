package dev.switchboard.socket.virtualthreads;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.switchboard.socket.server.Refusals;
import dev.switchboard.socket.server.SocketServerSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DatagramGuard}, on a clock the test moves.
 */
class DatagramGuardTests {

	private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toNanos(3));

	private final SocketServerSettings settings = new SocketServerSettings("udp");

	@Test
	void shouldNeverAnswerAWellKnownSourcePort() throws UnknownHostException {
		DatagramGuard guard = guard(Set.of());
		// echo 7 and chargen 19 would answer back: the "loop" attack
		assertThat(guard.refusal(source("198.51.100.7", 7))).isEqualTo(Refusals.SOURCE_PORT);
		assertThat(guard.refusal(source("198.51.100.7", 19))).isEqualTo(Refusals.SOURCE_PORT);
		assertThat(guard.refusal(source("198.51.100.7", 1023))).isEqualTo(Refusals.SOURCE_PORT);
		assertThat(guard.refusal(source("198.51.100.7", 1024))).isNull();
		this.settings.setMinSourcePort(0);
		assertThat(guard(Set.of()).refusal(source("198.51.100.7", 7))).isNull();
	}

	@Test
	void shouldNeverAnswerAPortOfItsOwnApplication() throws UnknownHostException {
		DatagramGuard guard = guard(Set.of(3007, 13307));
		// another instance of this service bouncing a datagram back
		assertThat(guard.refusal(source("198.51.100.7", 3007))).isEqualTo(Refusals.OWN_PORT);
		assertThat(guard.refusal(source("127.0.0.1", 13307))).isEqualTo(Refusals.OWN_PORT);
		assertThat(guard.refusal(source("198.51.100.7", 3008))).isNull();
	}

	@Test
	void shouldCutAFloodingSourceToItsBucketWhileAnsweringAnother() throws UnknownHostException {
		DatagramGuard guard = guard(Set.of());
		InetSocketAddress flooder = source("198.51.100.1", 40000);
		assertThat(answered(guard, flooder, 1000)).as("the burst").isEqualTo(200);
		assertThat(guard.refusal(flooder)).isEqualTo(Refusals.SOURCE_RATE);
		assertThat(guard.refusal(source("198.51.100.2", 40000))).as("another source").isNull();
		this.now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
		assertThat(answered(guard, flooder, 1000)).as("half a second at 100/s").isEqualTo(50);
		this.now.addAndGet(TimeUnit.SECONDS.toNanos(60));
		assertThat(answered(guard, flooder, 1000)).as("refilled up to the burst only").isEqualTo(200);
		// another port of the same address shares the address's budget
		assertThat(guard.refusal(source("198.51.100.1", 50000))).isEqualTo(Refusals.SOURCE_RATE);
	}

	@Test
	void shouldKeepAGlobalBudgetWhateverTheSources() throws UnknownHostException {
		this.settings.setGlobalRate(10);
		this.settings.setGlobalBurst(20);
		DatagramGuard guard = guard(Set.of());
		int answered = 0;
		for (int i = 0; i < 100; i++) {
			if (guard.refusal(source("203.0.113." + i, 40000)) == null) {
				answered++;
			}
		}
		assertThat(answered).isEqualTo(20);
		assertThat(guard.refusal(source("203.0.113.200", 40000))).isEqualTo(Refusals.GLOBAL_RATE);
		this.now.addAndGet(TimeUnit.SECONDS.toNanos(1));
		assertThat(guard.refusal(source("203.0.113.200", 40000))).isNull();
	}

	@Test
	void shouldRememberABoundedNumberOfSourcesForgettingTheStalest() throws UnknownHostException {
		this.settings.setMaxSources(3);
		this.settings.setSourceBurst(1);
		this.settings.setSourceRate(1);
		DatagramGuard guard = guard(Set.of());
		InetSocketAddress first = source("192.0.2.1", 40000);
		assertThat(guard.refusal(first)).isNull();
		assertThat(guard.refusal(first)).isEqualTo(Refusals.SOURCE_RATE);
		for (int i = 2; i <= 10; i++) {
			guard.refusal(source("192.0.2." + i, 40000));
			assertThat(guard.trackedSources()).isLessThanOrEqualTo(3);
		}
		// forgotten, so a full bucket again: the global budget bounds what this allows
		assertThat(guard.refusal(first)).isNull();
		assertThat(guard.trackedSources()).isEqualTo(3);
	}

	private int answered(DatagramGuard guard, InetSocketAddress source, int datagrams) {
		int answered = 0;
		for (int i = 0; i < datagrams; i++) {
			if (guard.refusal(source) == null) {
				answered++;
			}
		}
		return answered;
	}

	private DatagramGuard guard(Set<Integer> ownPorts) {
		return new DatagramGuard(this.settings, ownPorts, this.now::get);
	}

	private static InetSocketAddress source(String address, int port) throws UnknownHostException {
		return new InetSocketAddress(InetAddress.getByName(address), port);
	}

}
