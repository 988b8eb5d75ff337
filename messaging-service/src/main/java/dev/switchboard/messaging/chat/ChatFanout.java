package dev.switchboard.messaging.chat;

/**
 * Carries chat events to the connections that must hear them. The default delivers to
 * this process's connections only; a broker-backed implementation (Redis pub/sub or
 * RabbitMQ) can replace this bean to fan out across replicas, each replica delivering
 * what it receives to its own connections with {@link ChatRoster#deliver(ChatEvent)}.
 */
@FunctionalInterface
public interface ChatFanout {

	/**
	 * Deliver an event to every concerned connection, without waiting for slow ones.
	 * @param event the event
	 */
	void publish(ChatEvent event);

}
