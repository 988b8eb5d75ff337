package dev.switchboard.messaging.users;

/**
 * Tells whether a guest of the TCP chat holds a nickname right now, so that nobody
 * registers the nickname of someone who is talking under it.
 */
@FunctionalInterface
public interface GuestNicknames {

	/**
	 * Return whether a guest is connected under this nickname (in any case).
	 * @param nickname the nickname
	 * @return whether it is in use by a guest
	 */
	boolean isInUseByGuest(String nickname);

}
