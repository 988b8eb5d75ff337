package dev.switchboard.messaging.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import dev.switchboard.messaging.messages.DirectMessageSent;
import dev.switchboard.messaging.messages.MessageService;
import dev.switchboard.messaging.system.MessagingProperties;
import dev.switchboard.messaging.users.Nicknames;
import dev.switchboard.messaging.users.UserService;
import dev.switchboard.messaging.messages.ChatMessage;

/**
 * The chat's commands, shared by its transports (WebSocket and TCP): sign in, join and
 * leave rooms, say, send direct messages, see who is online. A message is published to
 * the connections only once it is stored.
 */
@Service
public class ChatService {

	private final ChatRoster roster;

	private final Presence presence;

	private final ChatFanout fanout;

	private final MessageService messages;

	private final UserService users;

	private final int historySize;

	private final int presenceBroadcastLimit;

	private final RoomOrder roomOrder;

	private final ArrivalReads arrivals;

	public ChatService(ChatRoster roster, Presence presence, ChatFanout fanout, RoomOrder roomOrder,
			MessageService messages, UserService users, ArrivalReads arrivals, MessagingProperties properties) {
		this.roomOrder = roomOrder;
		this.arrivals = arrivals;
		this.roster = roster;
		this.presence = presence;
		this.fanout = fanout;
		this.messages = messages;
		this.users = users;
		this.historySize = properties.chat().historySize();
		this.presenceBroadcastLimit = properties.chat().presenceBroadcastLimit();
	}

	/**
	 * Find who a token belongs to.
	 * @param token the token
	 * @return the user's identity, or empty when the token is not valid
	 */
	public Optional<ChatIdentity> authenticate(String token) {
		return this.arrivals.read(() -> this.users.authenticate(token))
			.map((user) -> new ChatIdentity(user.getId(), user.getNickname()));
	}

	/**
	 * Put a registered user's connection online, telling everybody else when it is the
	 * user's first one.
	 * @param connection the authenticated connection
	 * @return who is online, this user included
	 */
	public Online signIn(ChatConnection connection) {
		boolean first = this.presence.signIn(connection);
		int count = this.presence.onlineCount();
		if (first) {
			announce(connection, true, count);
		}
		return welcomeList(connection, count);
	}

	/**
	 * Check that a guest may take a nickname: it follows the rules and belongs to no
	 * registered user.
	 * @param nickname the wanted nickname
	 * @return the guest's identity
	 * @throws ChatException when the nickname cannot be used
	 */
	public ChatIdentity guest(String nickname) {
		if (!Nicknames.isValid(nickname)) {
			throw new ChatException("Invalid nickname: it " + Nicknames.RULE + ".");
		}
		if (this.arrivals.read(() -> this.users.findByNickname(nickname)).isPresent()) {
			throw registeredNickname(nickname);
		}
		return new ChatIdentity(null, nickname);
	}

	/**
	 * Put a guest's connection online, unless someone is online under its nickname.
	 * @param connection the guest's connection
	 * @return who is online, this guest included
	 * @throws ChatException when the nickname is in use
	 */
	public Online signInGuest(ChatConnection connection) {
		String nickname = connection.identity().nickname();
		if (!this.presence.signInGuest(connection)) {
			throw new ChatException("Someone is online as '" + nickname + "' right now: choose another nickname.");
		}
		// A registration may have stored this nickname since guest() looked. It looks for
		// guests online only once it is stored, and this guest is online before looking
		// again here: of the two, the later one always sees the other and gives way.
		if (this.arrivals.read(() -> this.users.findByNickname(nickname)).isPresent()) {
			this.presence.signOut(connection);
			throw registeredNickname(nickname);
		}
		int count = this.presence.onlineCount();
		announce(connection, true, count);
		return welcomeList(connection, count);
	}

	/**
	 * Return who is online, for a welcome: everybody while the chat announces arrivals
	 * and departures; past {@code presence-broadcast-limit} the first that many, sorted,
	 * and the newcomer (a list per arrival as long as the crowd would cost the square of
	 * the crowd: 10,000 arrivals, 1.3 GB of nicknames).
	 * @param connection the connection just signed in
	 * @param count how many are online, this connection's user included
	 * @return who is online
	 */
	private Online welcomeList(ChatConnection connection, int count) {
		if (count <= this.presenceBroadcastLimit) {
			List<String> all = this.presence.onlineNicknames();
			return new Online(all, Math.max(count, all.size()));
		}
		List<String> some = new ArrayList<>(this.presence.onlineNicknames(this.presenceBroadcastLimit));
		String nickname = connection.identity().nickname();
		int at = Collections.binarySearch(some, nickname, Comparator.comparing(Nicknames::key));
		if (at < 0) {
			some.add(-at - 1, nickname);
		}
		return new Online(List.copyOf(some), Math.max(count, some.size()));
	}

	/**
	 * Take a connection offline, telling everybody else when it was its user's last one.
	 * @param connection the connection, signed in or not
	 */
	public void signOut(ChatConnection connection) {
		if (this.presence.signOut(connection)) {
			announce(connection, false, this.presence.onlineCount());
		}
	}

	private void announce(ChatConnection connection, boolean online, int count) {
		this.fanout.publish(new ChatEvent.PresenceChanged(connection.identity().nickname(), online, count));
	}

	/**
	 * Join a room: from now on the connection receives its messages.
	 * @param connection the connection
	 * @param room the room, with or without {@code #}
	 * @param since when not {@code null}, answer the messages after this id instead of
	 * the latest ones (a client that reconnects recovers what it missed)
	 * @return the room's latest messages, or its first ones after {@code since}, at most
	 * {@code history-size}, oldest first (they may overlap with the first live ones: the
	 * transports hold live ones back until the history is sent, and drop those it holds)
	 */
	public RoomHistory join(ChatConnection connection, String room, @Nullable Long since) {
		String name = Rooms.normalize(room);
		if (since != null && since < 0) {
			throw new ChatException("\"since\" must be a message id (0 or more).");
		}
		this.roster.join(connection, name);
		try {
			List<ChatMessage> history = this.arrivals
				.read(() -> (since != null) ? this.messages.historyAfter(name, since, this.historySize)
						: this.messages.history(name, this.historySize));
			return new RoomHistory(name, history);
		}
		catch (RuntimeException ex) {
			this.roster.leave(connection, name);
			throw ex;
		}
	}

	/**
	 * Read a room's messages before an id: a client showing the latest messages loads
	 * older ones on demand, a page at a time. Any room can be read, as anyone can join
	 * it.
	 * @param room the room, with or without {@code #}
	 * @param before only messages with a smaller id
	 * @return the latest messages before {@code before}, at most {@code history-size},
	 * oldest first; none when there are no older ones
	 * @throws ChatException when {@code before} is not a message id
	 */
	public RoomHistory historyBefore(String room, long before) {
		String name = Rooms.normalize(room);
		if (before < 1) {
			throw new ChatException("\"before\" must be a message id (1 or more).");
		}
		return new RoomHistory(name, this.messages.historyBefore(name, before, this.historySize), before);
	}

	/**
	 * Leave a room.
	 * @param connection the connection
	 * @param room the room, with or without {@code #}
	 * @return the room's name
	 * @throws ChatException when the connection is not in the room
	 */
	public String leave(ChatConnection connection, String room) {
		String name = Rooms.normalize(room);
		if (!this.roster.leave(connection, name)) {
			throw new ChatException("You are not in #" + name + ".");
		}
		return name;
	}

	/**
	 * Say something in a room the connection joined.
	 * @param connection the connection
	 * @param room the room, with or without {@code #}
	 * @param text the text
	 * @param ref the client's reference, echoed in the acknowledgement
	 * @return the stored message
	 * @throws ChatException when the connection is not in the room or the text is invalid
	 */
	public ChatMessage say(ChatConnection connection, String room, String text, @Nullable Object ref) {
		String name = Rooms.normalize(room);
		if (!this.roster.isMember(connection, name)) {
			throw new ChatException("Join #" + name + " before saying something there.");
		}
		String checked = MessageTexts.check(text);
		// a room's messages go out in the order of their ids, on every replica
		return this.roomOrder.storeAndPublish(name,
				() -> this.messages.storeRoomMessage(connection.identity().correspondent(), name, checked),
				(message) -> new ChatEvent.MessagePosted(message, connection.id(), ref));
	}

	/**
	 * Send a direct message to a registered user (stored in their inbox) or to a guest
	 * who is online.
	 * @param connection the sender's connection
	 * @param to the recipient's nickname, in any case
	 * @param text the text
	 * @param ref the client's reference, echoed in the acknowledgement
	 * @return the stored message
	 * @throws ChatException when there is no such recipient or the text is invalid
	 */
	public ChatMessage sendDirect(ChatConnection connection, String to, String text, @Nullable Object ref) {
		ChatIdentity recipient = recipient(to);
		ChatMessage message = this.messages.storeDirectMessage(connection.identity().correspondent(),
				recipient.correspondent(), MessageTexts.check(text));
		this.fanout.publish(new ChatEvent.MessagePosted(message, connection.id(), ref));
		return message;
	}

	/**
	 * Push a direct message sent over REST to the open connections of its sender and
	 * recipient.
	 * @param sent the stored message
	 */
	@EventListener
	public void directMessageSent(DirectMessageSent sent) {
		this.fanout.publish(new ChatEvent.MessagePosted(sent.message(), null, null));
	}

	/**
	 * Find the recipient of a direct message.
	 * @param nickname the nickname, in any case
	 * @return a registered user, or a guest online
	 * @throws ChatException when there is neither
	 */
	public ChatIdentity recipient(String nickname) {
		if (nickname == null || !Nicknames.isValid(nickname)) {
			throw new ChatException("A direct message needs \"to\": the nickname of its recipient.");
		}
		return this.users.findByNickname(nickname)
			.map((user) -> new ChatIdentity(user.getId(), user.getNickname()))
			.or(() -> this.presence.online(nickname))
			.orElseThrow(() -> new ChatException("Nobody is called '" + nickname + "'."));
	}

	/**
	 * Who is online, as a welcome lists them.
	 *
	 * @param nicknames the nicknames, sorted regardless of case: everybody, or only some
	 * when more than {@code presence-broadcast-limit} are online
	 * @param count how many are online anywhere
	 */
	public record Online(List<String> nicknames, int count) {

		/**
		 * Return whether some of those online are not listed.
		 * @return whether the list is cut
		 */
		public boolean isPartial() {
			return this.nicknames.size() < this.count;
		}

	}

	/**
	 * Return who is online.
	 * @return the nicknames, sorted
	 */
	public List<String> online() {
		return this.presence.onlineNicknames();
	}

	/**
	 * Return who is in a room.
	 * @param room the room, with or without {@code #}
	 * @return the nicknames of its members, sorted
	 */
	public List<String> members(String room) {
		return this.roster.members(Rooms.normalize(room));
	}

	/**
	 * Return the rooms that have members.
	 * @return room name to number of members
	 */
	public Map<String, Integer> rooms() {
		return this.roster.rooms();
	}

	/**
	 * Return the rooms a connection joined.
	 * @param connection the connection
	 * @return the room names
	 */
	public List<String> roomsOf(ChatConnection connection) {
		return this.roster.roomsOf(connection);
	}

	/**
	 * A room's name and some of its messages: its latest, those after an id, or those
	 * before an id.
	 *
	 * @param room the room's name, without {@code #}
	 * @param messages the messages, oldest first
	 * @param before the id the messages come before, when they were asked for as older
	 * ones; otherwise {@code null}
	 */
	public record RoomHistory(String room, List<ChatMessage> messages, @Nullable Long before) {

		public RoomHistory(String room, List<ChatMessage> messages) {
			this(room, messages, null);
		}

	}

	private static ChatException registeredNickname(String nickname) {
		return new ChatException("The nickname '" + nickname
				+ "' belongs to a registered user: sign in with /auth <token>, or choose another one.");
	}

}
