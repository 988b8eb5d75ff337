package dev.switchboard.socket.server;

import java.util.Set;

/**
 * The reasons a socket server refuses a client, the {@code reason} tag of
 * {@code switchboard.socket.refusals}. A handler may count reasons of its own with
 * {@link SocketConnection#countRefusal(String)} once it declares them in
 * {@link SocketHandler#refusalReasons()}.
 */
public final class Refusals {

	/** A TCP connection closed at once: the server had {@code max-connections}. */
	public static final String CONNECTION_LIMIT = "connection-limit";

	/** More than {@code max-unsent-per-connection} bytes waited for one client. */
	public static final String WRITE_BUDGET = "write-budget";

	/** More than {@code max-unsent-per-server} bytes waited for all the clients. */
	public static final String SERVER_WRITE_BUDGET = "server-write-budget";

	/** A client read nothing of what was sent to it for {@code write-timeout}. */
	public static final String WRITE_TIMEOUT = "write-timeout";

	/** No byte arrived within {@code idle-timeout}. */
	public static final String IDLE_TIMEOUT = "idle-timeout";

	/** A request did not complete within {@code request-timeout}. */
	public static final String REQUEST_TIMEOUT = "request-timeout";

	/** A request was larger than the framing's maximum ({@code max-request-size}). */
	public static final String REQUEST_TOO_LARGE = "request-too-large";

	/** A request could not be read: invalid JSON, for example. */
	public static final String MALFORMED_REQUEST = "malformed-request";

	/** A request ended (the client closed or half-closed) in its middle. */
	public static final String TRUNCATED_REQUEST = "truncated-request";

	/** A text request was not valid UTF-8. */
	public static final String INVALID_UTF8 = "invalid-utf8";

	/** A datagram came from a source port below {@code udp.min-source-port}. */
	public static final String SOURCE_PORT = "source-port";

	/** A datagram came from a port a UDP server of this application listens on. */
	public static final String OWN_PORT = "own-port";

	/** A datagram's source address had used its {@code udp.source-rate} budget. */
	public static final String SOURCE_RATE = "source-rate";

	/** The server had used its {@code udp.global-rate} budget. */
	public static final String GLOBAL_RATE = "global-rate";

	/** The reasons of a TCP server. */
	public static final Set<String> TCP = Set.of(CONNECTION_LIMIT, WRITE_BUDGET, SERVER_WRITE_BUDGET, WRITE_TIMEOUT,
			IDLE_TIMEOUT, REQUEST_TIMEOUT, REQUEST_TOO_LARGE, MALFORMED_REQUEST, TRUNCATED_REQUEST, INVALID_UTF8);

	/** The reasons of a UDP server: its datagrams are dropped without an answer. */
	public static final Set<String> UDP = Set.of(SOURCE_PORT, OWN_PORT, SOURCE_RATE, GLOBAL_RATE);

	private Refusals() {
	}

}
