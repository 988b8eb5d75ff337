package dev.switchboard.messaging.chat;

import io.micrometer.core.instrument.FunctionCounter;
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
		FunctionCounter.builder("switchboard.chat.presence.withheld", this.roster, ChatRoster::withheldAnnouncements)
			.description("Arrivals and departures not announced because more people were online than "
					+ "switchboard.messaging.chat.presence-broadcast-limit")
			.register(registry);
		Gauge.builder("switchboard.chat.presence.quiet", this.roster, (roster) -> roster.isQuiet() ? 1 : 0)
			.description("1 while arrivals and departures are not announced (too many people online)")
			.register(registry);
	}

}
