package dev.switchboard.messaging.chat;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The room order of a single replica: one lock per room (striped), held while a message
 * is stored and published.
 */
public final class LocalRoomOrder implements RoomOrder {

	private final ReentrantLock[] locks = new ReentrantLock[64];

	public LocalRoomOrder() {
		Arrays.setAll(this.locks, (i) -> new ReentrantLock());
	}

	@Override
	public <T> T inOrder(String room, Supplier<T> storeAndPublish) {
		ReentrantLock lock = this.locks[Math.floorMod(room.hashCode(), this.locks.length)];
		lock.lock();
		try {
			return storeAndPublish.get();
		}
		finally {
			lock.unlock();
		}
	}

}
