package dev.switchboard.socket.context;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

import dev.switchboard.socket.server.SocketServer;

/**
 * Starts the application's {@link SocketServer socket servers} with the application
 * context, and stops them gracefully, all at once, when it closes. Runs in the phase of
 * the web server's graceful shutdown, so HTTP and raw sockets drain together.
 */
public class SocketServersBootstrap implements ApplicationEventPublisherAware, SmartLifecycle {

	/**
	 * The lifecycle phase: the one of Spring Boot's web server graceful shutdown.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private final List<SocketServer> servers;

	private final AtomicBoolean running = new AtomicBoolean();

	private ApplicationEventPublisher eventPublisher;

	/**
	 * Create a bootstrap.
	 * @param servers the servers, created stopped
	 */
	public SocketServersBootstrap(List<SocketServer> servers) {
		Assert.notNull(servers, "'servers' must not be null");
		this.servers = List.copyOf(servers);
	}

	/**
	 * Return the servers.
	 * @return the servers, running or not
	 */
	public List<SocketServer> getServers() {
		return this.servers;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
		this.eventPublisher = applicationEventPublisher;
	}

	@Override
	public void start() {
		if (this.running.compareAndSet(false, true)) {
			try {
				for (SocketServer server : this.servers) {
					server.start();
					this.eventPublisher.publishEvent(new SocketServerInitializedEvent(server));
				}
			}
			catch (RuntimeException ex) {
				// the context will not start: release the ports already bound
				stop();
				throw ex;
			}
		}
	}

	@Override
	public void stop() {
		if (this.running.compareAndSet(true, false)) {
			List<Thread> stopping = this.servers.stream()
				.map((server) -> Thread.ofVirtual().name("socket-" + server.name() + "-stop").start(server::stop))
				.toList();
			for (Thread thread : stopping) {
				try {
					thread.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public void stop(Runnable callback) {
		Thread.ofVirtual().name("socket-servers-stop").start(() -> {
			try {
				stop();
			}
			finally {
				callback.run();
			}
		});
	}

	@Override
	public boolean isRunning() {
		return this.running.get();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
