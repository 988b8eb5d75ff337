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

	public static void main(String[] args) {
		System.getProperties().putIfAbsent("reactor.netty.send.maxPrefetchSize", SEND_PREFETCH);
		SpringApplication.run(GatewayApplication.class, args);
	}

}
