package dev.switchboard.messaging.chat;

import java.util.List;
import java.util.Optional;

import dev.switchboard.messaging.users.GuestNicknames;
import dev.switchboard.messaging.users.OnlineUsers;

/**
 * Who is online in the whole chat, whatever replica they are connected to, and which
 * guest nicknames are taken. It also keeps this replica's {@link ChatRoster} up to date,
 * so that events reach the local connections. One implementation serves a single replica
 * ({@link InProcessPresence}), another shares the list between replicas through Redis.
 */
public interface Presence extends GuestNicknames, OnlineUsers {

	/**
	 * Put a registered user's connection online.
	 * @param connection the authenticated connection
	 * @return whether it is the user's first connection anywhere (they came online)
	 */
	boolean signIn(ChatConnection connection);

	/**
	 * Put a guest's connection online, reserving its nickname, unless someone is online
	 * under that nickname anywhere.
	 * @param connection the guest's connection
	 * @return whether the nickname was free (and the guest is now online)
	 */
	boolean signInGuest(ChatConnection connection);

	/**
	 * Take a connection offline, giving back a guest's nickname with its last one.
	 * @param connection the connection, signed in or not
	 * @return whether it was its user's last connection anywhere (they went offline)
	 */
	boolean signOut(ChatConnection connection);

	/**
	 * Return the nicknames online anywhere, each once.
	 * @return the nicknames, sorted regardless of case
	 */
	List<String> onlineNicknames();

	/**
	 * Return the first nicknames online anywhere, each once.
	 * @param max how many at most
	 * @return the first {@code max} nicknames, sorted regardless of case
	 */
	default List<String> onlineNicknames(int max) {
		List<String> all = onlineNicknames();
		return (all.size() <= max) ? all : List.copyOf(all.subList(0, max));
	}

	/**
	 * Return how many people are online anywhere, cheaply: no list is read.
	 * @return the number online (with several replicas, someone connected to two of them
	 * counts twice)
	 */
	int onlineCount();

	/**
	 * Return who is online under a nickname, anywhere.
	 * @param nickname the nickname, in any case
	 * @return the identity of whoever uses it, or empty when nobody is online under it
	 */
	Optional<ChatIdentity> online(String nickname);

}
