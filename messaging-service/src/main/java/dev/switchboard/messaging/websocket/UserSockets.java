package dev.switchboard.messaging.websocket;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The signed-in chat WebSockets of each user, held to at most
 * {@code max-sessions-per-user} so that one token cannot hoard the server's sockets.
 * Taking and giving back a place are each one atomic step on the user's entry, so that
 * concurrent sign-ins of one user never get past the limit together; giving back is
 * idempotent, so that the two paths that may see a socket close (its close, and a sign-in
 * that finds its socket closed) can both do it.
 */
final class UserSockets {

	private final int maxPerUser;

	private final ConcurrentMap<Long, Set<String>> byUser = new ConcurrentHashMap<>();

	UserSockets(int maxPerUser) {
		this.maxPerUser = maxPerUser;
	}

	int maxPerUser() {
		return this.maxPerUser;
	}

	/**
	 * Take a place for a socket of a user, unless the user holds as many as allowed.
	 * @param userId the user's id
	 * @param socketId the socket's id
	 * @return whether the socket got a place
	 */
	boolean tryAdd(long userId, String socketId) {
		boolean[] added = new boolean[1];
		this.byUser.compute(userId, (id, sockets) -> {
			Set<String> current = (sockets != null) ? sockets : new HashSet<>();
			if (current.contains(socketId) || current.size() < this.maxPerUser) {
				current.add(socketId);
				added[0] = true;
			}
			return current.isEmpty() ? null : current;
		});
		return added[0];
	}

	/**
	 * Give back the place of a socket, if it had one.
	 * @param userId the user's id
	 * @param socketId the socket's id
	 */
	void remove(long userId, String socketId) {
		this.byUser.computeIfPresent(userId, (id, sockets) -> {
			sockets.remove(socketId);
			return sockets.isEmpty() ? null : sockets;
		});
	}

}
