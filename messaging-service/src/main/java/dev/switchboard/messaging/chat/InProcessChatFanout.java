package dev.switchboard.messaging.chat;

/**
 * Delivers chat events to this process's connections: the fan-out of a single replica.
 */
public class InProcessChatFanout implements ChatFanout {

	private final ChatRoster roster;

	public InProcessChatFanout(ChatRoster roster) {
		this.roster = roster;
	}

	@Override
	public void publish(ChatEvent event) {
		this.roster.deliver(event);
	}

}
