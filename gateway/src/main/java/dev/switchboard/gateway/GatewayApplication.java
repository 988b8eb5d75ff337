package dev.switchboard.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The gateway: the single HTTP and WebSocket entry point of the suite.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	/**
	 * How many pieces of a body Reactor Netty takes ahead of what the client's connection
	 * accepts (its default is 128). The gateway relays pieces of up to 512 KiB
	 * ({@code LargeReadsHttpClientCustomizer}), so a client that downloads slowly holds
	 * at most 2 MiB here, not 64 MiB.
	 */
	static final String SEND_PREFETCH = "4";

	/**
	 * How many event-loop threads serve the gateway's connections, clients' and services'
	 * alike: one per CPU (at least 2), where Reactor Netty starts at least 4. The gateway
	 * never blocks a loop, so more loops than CPUs only take turns on them: on 2 CPUs, 2
	 * loops cost about a sixth less CPU per proxied request than 4 (measured side by
	 * side, {@code bench/README.md}), each wake-up finding more connections ready. Set
	 * {@code -Dreactor.netty.ioWorkerCount} to choose another count.
	 * @return the count, as the system property's value
	 */
	static String ioWorkerCount() {
		return String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors()));
	}

	public static void main(String[] args) {
		System.getProperties().putIfAbsent("reactor.netty.send.maxPrefetchSize", SEND_PREFETCH);
		System.getProperties().putIfAbsent("reactor.netty.ioWorkerCount", ioWorkerCount());
		SpringApplication.run(GatewayApplication.class, args);
	}

}
