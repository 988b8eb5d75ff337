package dev.switchboard.messaging.websocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts every refusal of the WebSocket chat by the limit that caused it:
 * {@code switchboard.chat.websocket.refused{limit=...}} for frames and sockets refused,
 * {@code switchboard.chat.websocket.disconnected{reason="slow-consumer"}} for clients
 * dropped because they could not keep up.
 */
@Component
class WebSocketRefusals {

	private final Counter frameSize;

	private final Counter rateLimit;

	private final Counter authTimeout;

	private final Counter maxSessions;

	private final Counter maxSessionsPerUser;

	private final Counter slowConsumer;

	WebSocketRefusals(MeterRegistry registry) {
		// one tag value per limit, named after its property
		this.frameSize = refused(registry, "frame-size");
		this.rateLimit = refused(registry, "rate-limit");
		this.authTimeout = refused(registry, "auth-timeout");
		this.maxSessions = refused(registry, "max-sessions");
		this.maxSessionsPerUser = refused(registry, "max-sessions-per-user");
		this.slowConsumer = Counter.builder("switchboard.chat.websocket.disconnected")
			.description("Clients disconnected because they could not keep up")
			.tag("reason", "slow-consumer")
			.register(registry);
	}

	private static Counter refused(MeterRegistry registry, String limit) {
		return Counter.builder("switchboard.chat.websocket.refused")
			.description("WebSocket chat frames and sockets refused by a limit")
			.tag("limit", limit)
			.register(registry);
	}

	/** A frame larger than {@code max-frame-size}, dropped. */
	void frameTooLarge() {
		this.frameSize.increment();
	}

	/** A frame over {@code rate-limit}/{@code rate-burst}, dropped. */
	void rateLimited() {
		this.rateLimit.increment();
	}

	/** A socket closed for sending no {@code auth} frame within {@code auth-timeout}. */
	void authTimedOut() {
		this.authTimeout.increment();
	}

	/** A handshake or socket refused while {@code max-sessions} sockets are open. */
	void chatFull() {
		this.maxSessions.increment();
	}

	/**
	 * An {@code auth} refused while its user has {@code max-sessions-per-user} sockets.
	 */
	void tooManyForUser() {
		this.maxSessionsPerUser.increment();
	}

	/**
	 * A client disconnected past {@code send-buffer-limit} or {@code send-time-limit}.
	 */
	void slowConsumer() {
		this.slowConsumer.increment();
	}

}
