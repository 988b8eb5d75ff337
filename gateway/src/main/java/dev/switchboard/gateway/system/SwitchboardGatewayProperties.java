package dev.switchboard.gateway.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway itself ({@code switchboard.gateway.*}); routes, timeouts and
 * circuit breakers are Spring Cloud Gateway and Resilience4j properties.
 *
 * @param services where each service runs, by service name (the host of its routes'
 * {@code lb://} URIs): one URL, or several, comma-separated, for its replicas, which the
 * gateway balances requests over
 * @param instanceProbeInterval how often the gateway tries to connect to an instance it
 * left out (one that refused a connection, or timed out repeatedly), until it accepts one
 * again; meanwhile requests go to the other instances of its service
 * @param instanceEjectAfterTimeouts how many connect timeouts in a row (with no
 * connection accepted or request answered between them) leave an instance out like a
 * refusal does; 1 or more. An instance is never left out for timeouts while it is the
 * last one of its service left in: a server too busy to accept connections at once (a
 * burst filling its listen backlog) is slow, not gone. Each timed-out request still goes
 * on to another instance when there is one
 * @param tcpPorts the raw TCP ports the services publish, as the landing page lists them
 * @param tcpHost host name the landing page shows in its {@code nc} examples; empty to
 * use the host the browser asked for
 * @param accessLog whether to log one access line per request
 * @param requestReadTimeout longest time a client may leave the gateway waiting for the
 * next byte of a request it has started (headers or body) before the gateway answers 408
 * and closes the connection; a request that keeps arriving, however slowly, is never cut
 * @param connectTimeout longest wait for an instance of a service to accept a connection
 * (the gateway's requests and its probes of left-out instances); past it the request goes
 * to another instance, or the client gets 503. Set on the gateway's HTTP client once:
 * Spring Cloud Gateway's own {@code httpclient.connect-timeout}, when set, makes a new
 * client configuration for every request
 */
@ConfigurationProperties("switchboard.gateway")
public record SwitchboardGatewayProperties(@DefaultValue Map<String, List<URI>> services,
		@DefaultValue("1s") Duration instanceProbeInterval, @DefaultValue("3") int instanceEjectAfterTimeouts,
		@DefaultValue TcpPorts tcpPorts, @DefaultValue("") String tcpHost, @DefaultValue("true") boolean accessLog,
		@DefaultValue("20s") Duration requestReadTimeout, @DefaultValue("1s") Duration connectTimeout) {

	/**
	 * The raw TCP ports of the suite. A gateway does not proxy raw TCP: the services
	 * publish these ports themselves, and a deployment that maps them elsewhere says so
	 * here.
	 *
	 * @param echo port of the course's TCP echo (random-service)
	 * @param contacts port of the course's JSON contacts protocol (contacts-service)
	 * @param chat port of the line chat (messaging-service)
	 * @param rfc862 port of the RFC 862 echo, TCP and UDP (random-service)
	 */
	public record TcpPorts(@DefaultValue("3000") int echo, @DefaultValue("3001") int contacts,
			@DefaultValue("3002") int chat, @DefaultValue("3007") int rfc862) {

	}

}
