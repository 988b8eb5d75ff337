package dev.switchboard.messaging.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The presence of a single replica: this process's {@link ChatRoster} is the whole chat.
 */
public class InProcessPresence implements Presence {

	private final ChatRoster roster;

	public InProcessPresence(ChatRoster roster) {
		this.roster = roster;
	}

	@Override
	public boolean signIn(ChatConnection connection) {
		return this.roster.add(connection);
	}

	@Override
	public boolean signInGuest(ChatConnection connection) {
		return this.roster.addGuest(connection);
	}

	@Override
	public boolean signOut(ChatConnection connection) {
		return this.roster.remove(connection);
	}

	@Override
	public List<String> onlineNicknames() {
		return this.roster.onlineNicknames();
	}

	@Override
	public List<String> onlineNicknames(int max) {
		return this.roster.onlineNicknames(max);
	}

	@Override
	public int onlineCount() {
		return this.roster.onlineCount();
	}

	@Override
	public Optional<ChatIdentity> online(String nickname) {
		return this.roster.online(nickname);
	}

	@Override
	public boolean isInUseByGuest(String nickname) {
		return this.roster.isInUseByGuest(nickname);
	}

	@Override
	public Set<Long> onlineUserIds() {
		return this.roster.onlineUserIds();
	}

}
