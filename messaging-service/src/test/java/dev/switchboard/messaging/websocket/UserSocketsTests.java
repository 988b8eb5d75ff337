package dev.switchboard.messaging.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UserSockets}: at most the limit per user, even when sign-ins race.
 */
class UserSocketsTests {

	private final UserSockets sockets = new UserSockets(2);

	@Test
	void shouldGiveEachUserUpToTheLimitAndTakePlacesBack() {
		assertThat(this.sockets.tryAdd(1, "a")).isTrue();
		assertThat(this.sockets.tryAdd(1, "b")).isTrue();
		assertThat(this.sockets.tryAdd(1, "c")).isFalse();
		assertThat(this.sockets.tryAdd(2, "d")).as("another user").isTrue();
		this.sockets.remove(1, "c");
		assertThat(this.sockets.tryAdd(1, "c")).as("a refused socket frees nothing").isFalse();
		this.sockets.remove(1, "a");
		this.sockets.remove(1, "a");
		assertThat(this.sockets.tryAdd(1, "c")).isTrue();
		assertThat(this.sockets.tryAdd(1, "e")).as("giving back twice frees one place").isFalse();
	}

	@Test
	void shouldLetExactlyTheLimitInWhenManySignInsRace() throws Exception {
		UserSockets many = new UserSockets(16);
		ExecutorService threads = Executors.newFixedThreadPool(17);
		try {
			for (int round = 0; round < 50; round++) {
				long user = round;
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Boolean>> attempts = new ArrayList<>();
				for (int i = 0; i < 17; i++) {
					String socket = "s" + i;
					Callable<Boolean> attempt = () -> {
						start.await();
						return many.tryAdd(user, socket);
					};
					attempts.add(threads.submit(attempt));
				}
				start.countDown();
				int added = 0;
				for (Future<Boolean> attempt : attempts) {
					added += attempt.get() ? 1 : 0;
				}
				assertThat(added).isEqualTo(16);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
