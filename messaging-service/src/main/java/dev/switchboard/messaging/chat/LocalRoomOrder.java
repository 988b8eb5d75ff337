package dev.switchboard.messaging.chat;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.switchboard.messaging.messages.ChatMessage;

/**
 * The room order of a single replica: one lock per room (striped), held while a message
 * is stored and published.
 */
public final class LocalRoomOrder implements RoomOrder {

	private final ReentrantLock[] locks = new ReentrantLock[64];

	private final ChatFanout fanout;

	/**
	 * Create the room order of a replica that publishes through a fan-out.
	 * @param fanout the fan-out
	 */
	public LocalRoomOrder(ChatFanout fanout) {
		this.fanout = fanout;
		Arrays.setAll(this.locks, (i) -> new ReentrantLock());
	}

	@Override
	public ChatMessage storeAndPublish(String room, Supplier<ChatMessage> store,
			Function<ChatMessage, ChatEvent> event) {
		return locked(room, () -> {
			ChatMessage message = store.get();
			this.fanout.publish(event.apply(message));
			return message;
		});
	}

	/**
	 * Run an action holding this replica's lock of a room.
	 * @param <T> what the action answers
	 * @param room the room
	 * @param action the action
	 * @return what the action answered
	 */
	public <T> T locked(String room, Supplier<T> action) {
		ReentrantLock lock = this.locks[Math.floorMod(room.hashCode(), this.locks.length)];
		lock.lock();
		try {
			return action.get();
		}
		finally {
			lock.unlock();
		}
	}

}
