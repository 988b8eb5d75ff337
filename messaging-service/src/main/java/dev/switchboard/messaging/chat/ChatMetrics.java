package dev.switchboard.messaging.chat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the chat, all transports: signed-in connections and people online.
 */
class ChatMetrics implements MeterBinder {

	private final ChatRoster roster;

	ChatMetrics(ChatRoster roster) {
		this.roster = roster;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("switchboard.chat.connections", this.roster, ChatRoster::size)
			.description("Signed-in chat connections (WebSocket and TCP)")
			.register(registry);
		Gauge.builder("switchboard.chat.online", this.roster, (roster) -> roster.onlineUserIds().size())
			.description("Registered users connected to the chat")
			.register(registry);
	}

}
