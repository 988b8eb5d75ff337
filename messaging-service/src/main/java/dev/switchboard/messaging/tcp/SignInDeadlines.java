package dev.switchboard.messaging.tcp;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;

/**
 * The timer of the TCP chat's sign-in deadlines: one thread for every connection, whose
 * tasks only queue a line and ask for a close, never waiting on a client.
 */
final class SignInDeadlines implements DisposableBean {

	private final ScheduledThreadPoolExecutor timer;

	SignInDeadlines() {
		this.timer = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().name("tcp-chat-sign-in").daemon().factory());
		// a signed-in connection cancels its deadline: do not keep thousands of them
		this.timer.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Run a task once a delay has passed, unless it is cancelled first.
	 * @param task the task
	 * @param delay the delay
	 * @return the task's future, to cancel it
	 */
	Future<?> schedule(Runnable task, Duration delay) {
		return this.timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
