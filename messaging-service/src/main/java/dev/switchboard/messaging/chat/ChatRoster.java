package dev.switchboard.messaging.chat;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.switchboard.messaging.users.Nicknames;
import dev.switchboard.messaging.messages.ChatMessage;

/**
 * The chat connections of this process: who is online here, under which nickname, in
 * which rooms. It delivers events to the connections concerned. Who is online in the
 * whole chat is the {@link Presence}'s answer.
 *
 * <p>
 * Arrivals and departures are announced to everybody only while at most
 * {@code presenceBroadcastLimit} people are online anywhere: each costs a frame per
 * person online. Past it the chat is quiet, and the changes are counted instead; once at
 * most 90% of the limit are online again, everybody gets the list of who is online and
 * the announcements resume (the margin keeps one person coming and going at the limit
 * from sending the whole list each time).
 */
public class ChatRoster {

	private final ConcurrentMap<String, ChatConnection> byId = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Set<ChatConnection>> byNickname = new ConcurrentHashMap<>();

	// the nicknames of byNickname, kept sorted by key (changed inside byNickname's
	// compute
	// of the same key): listing who is online needs no sorting
	private final ConcurrentSkipListMap<String, String> sortedNicknames = new ConcurrentSkipListMap<>();

	private final ConcurrentMap<String, Set<ChatConnection>> byRoom = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Set<String>> roomsById = new ConcurrentHashMap<>();

	private final int presenceBroadcastLimit;

	private final AtomicBoolean quiet = new AtomicBoolean();

	private final AtomicLong withheld = new AtomicLong();

	private volatile Supplier<List<String>> onlineEverywhere = this::onlineNicknames;

	/**
	 * Create the roster of a replica.
	 * @param presenceBroadcastLimit how many people may be online while every arrival and
	 * departure is announced to everybody
	 */
	public ChatRoster(int presenceBroadcastLimit) {
		this.presenceBroadcastLimit = presenceBroadcastLimit;
	}

	/**
	 * Say where the list of who is online in the whole chat comes from, when it is not
	 * this roster (several replicas).
	 * @param online the list's source
	 */
	public void listOnlineWith(Supplier<List<String>> online) {
		this.onlineEverywhere = online;
	}

	/**
	 * Add a signed-in connection.
	 * @param connection the connection
	 * @return whether it is the first connection of its nickname (its owner came online)
	 */
	public boolean add(ChatConnection connection) {
		boolean[] first = new boolean[1];
		this.byNickname.compute(connection.identity().key(), (key, connections) -> {
			Set<ChatConnection> set = (connections != null) ? connections : ConcurrentHashMap.newKeySet();
			first[0] = set.isEmpty();
			set.add(connection);
			this.sortedNicknames.putIfAbsent(key, connection.identity().nickname());
			return set;
		});
		this.byId.put(connection.id(), connection);
		return first[0];
	}

	/**
	 * Add the connection of a guest, unless someone is online under its nickname.
	 * @param connection the guest's connection
	 * @return whether it was added
	 */
	public boolean addGuest(ChatConnection connection) {
		boolean[] added = new boolean[1];
		this.byNickname.compute(connection.identity().key(), (key, connections) -> {
			if (connections != null && !connections.isEmpty()) {
				return connections;
			}
			Set<ChatConnection> set = ConcurrentHashMap.newKeySet();
			set.add(connection);
			added[0] = true;
			this.sortedNicknames.put(key, connection.identity().nickname());
			return set;
		});
		if (added[0]) {
			this.byId.put(connection.id(), connection);
		}
		return added[0];
	}

	/**
	 * Remove a connection from the roster and from all its rooms.
	 * @param connection the connection
	 * @return whether it was the last connection of its nickname (its owner went offline)
	 */
	public boolean remove(ChatConnection connection) {
		if (this.byId.remove(connection.id()) == null) {
			return false;
		}
		Set<String> rooms = this.roomsById.remove(connection.id());
		if (rooms != null) {
			rooms.forEach((room) -> removeFromRoom(connection, room));
		}
		boolean[] last = new boolean[1];
		this.byNickname.computeIfPresent(connection.identity().key(), (key, connections) -> {
			connections.remove(connection);
			last[0] = connections.isEmpty();
			if (last[0]) {
				this.sortedNicknames.remove(key);
			}
			return last[0] ? null : connections;
		});
		return last[0];
	}

	/**
	 * Make a connection a member of a room.
	 * @param connection the connection
	 * @param room the room's name
	 */
	public void join(ChatConnection connection, String room) {
		this.byRoom.compute(room, (key, members) -> {
			Set<ChatConnection> set = (members != null) ? members : ConcurrentHashMap.newKeySet();
			set.add(connection);
			return set;
		});
		this.roomsById.computeIfAbsent(connection.id(), (id) -> ConcurrentHashMap.newKeySet()).add(room);
	}

	/**
	 * Remove a connection from a room.
	 * @param connection the connection
	 * @param room the room's name
	 * @return whether it was a member
	 */
	public boolean leave(ChatConnection connection, String room) {
		Set<String> rooms = this.roomsById.get(connection.id());
		boolean member = rooms != null && rooms.remove(room);
		removeFromRoom(connection, room);
		return member;
	}

	private void removeFromRoom(ChatConnection connection, String room) {
		this.byRoom.computeIfPresent(room, (key, members) -> {
			members.remove(connection);
			return members.isEmpty() ? null : members;
		});
	}

	/**
	 * Return whether a connection is a member of a room.
	 * @param connection the connection
	 * @param room the room's name
	 * @return whether it joined the room and did not leave it
	 */
	public boolean isMember(ChatConnection connection, String room) {
		Set<String> rooms = this.roomsById.get(connection.id());
		return rooms != null && rooms.contains(room);
	}

	/**
	 * Return the rooms a connection is a member of.
	 * @param connection the connection
	 * @return the room names, sorted
	 */
	public List<String> roomsOf(ChatConnection connection) {
		return this.roomsById.getOrDefault(connection.id(), Set.of()).stream().sorted().toList();
	}

	/**
	 * Return the nicknames online, each once.
	 * @return the nicknames, sorted regardless of case
	 */
	public List<String> onlineNicknames() {
		// keys are the lower-case nicknames: their order needs no case folding
		return List.copyOf(this.sortedNicknames.values());
	}

	/**
	 * Return the first nicknames online.
	 * @param max how many at most
	 * @return the first {@code max} nicknames, sorted regardless of case
	 */
	public List<String> onlineNicknames(int max) {
		return this.sortedNicknames.values().stream().limit(max).toList();
	}

	/**
	 * Return how many people are connected here.
	 * @return the number of nicknames online here
	 */
	public int onlineCount() {
		return this.byNickname.size();
	}

	/**
	 * Return the nicknames of a room's members.
	 * @param room the room's name
	 * @return the nicknames, sorted regardless of case
	 */
	public List<String> members(String room) {
		return nicknames(this.byRoom.getOrDefault(room, Set.of()));
	}

	/**
	 * Return the rooms that have members, with how many people are in each.
	 * @return room name to number of distinct members, sorted by name
	 */
	public Map<String, Integer> rooms() {
		Map<String, Integer> rooms = new TreeMap<>();
		this.byRoom.forEach((room, members) -> rooms.put(room, members(room).size()));
		return rooms;
	}

	/**
	 * Return who is online under a nickname.
	 * @param nickname the nickname, in any case
	 * @return the identity of whoever uses it, or empty when nobody is online under it
	 */
	public Optional<ChatIdentity> online(String nickname) {
		return this.byNickname.getOrDefault(Nicknames.key(nickname), Set.of())
			.stream()
			.findAny()
			.map(ChatConnection::identity);
	}

	/**
	 * Return whether a guest is connected here under a nickname.
	 * @param nickname the nickname, in any case
	 * @return whether a guest uses it
	 */
	public boolean isInUseByGuest(String nickname) {
		return online(nickname).filter(ChatIdentity::isGuest).isPresent();
	}

	/**
	 * Return the ids of the registered users connected here.
	 * @return their ids
	 */
	public Set<Long> onlineUserIds() {
		return this.byNickname.values()
			.stream()
			.flatMap(Collection::stream)
			.map((connection) -> connection.identity().userId())
			.filter((id) -> id != null)
			.collect(Collectors.toSet());
	}

	/**
	 * Return who is connected here, once per nickname.
	 * @return an identity per nickname
	 */
	public List<ChatIdentity> identities() {
		return this.byNickname.values()
			.stream()
			.flatMap((connections) -> connections.stream().limit(1))
			.map(ChatConnection::identity)
			.toList();
	}

	/**
	 * Return whether a connection is signed in here.
	 * @param connection the connection
	 * @return whether it was added and not removed since
	 */
	public boolean contains(ChatConnection connection) {
		return this.byId.containsKey(connection.id());
	}

	/**
	 * Return whether someone is connected here under a nickname.
	 * @param nickname the nickname, in any case
	 * @return whether a connection uses it
	 */
	public boolean isOnline(String nickname) {
		return !this.byNickname.getOrDefault(Nicknames.key(nickname), Set.of()).isEmpty();
	}

	/**
	 * Return how many connections are signed in.
	 * @return the number of connections
	 */
	public int size() {
		return this.byId.size();
	}

	/**
	 * Deliver an event to this process's connections concerned by it: a room's members,
	 * the connections of a direct message's sender and recipient, everybody for presence.
	 * @param event the event
	 */
	public void deliver(ChatEvent event) {
		switch (event) {
			case ChatEvent.MessagePosted posted -> recipients(posted).forEach((c) -> c.deliver(posted));
			case ChatEvent.PresenceChanged presence -> announce(presence);
		}
	}

	private void announce(ChatEvent.PresenceChanged presence) {
		if (presence.onlineCount() > this.presenceBroadcastLimit) {
			this.quiet.set(true);
			this.withheld.incrementAndGet();
			return;
		}
		if (this.quiet.get()) {
			if (presence.onlineCount() > this.presenceBroadcastLimit - this.presenceBroadcastLimit / 10) {
				this.withheld.incrementAndGet();
				return;
			}
			if (this.quiet.compareAndSet(true, false)) {
				List<String> online = this.onlineEverywhere.get();
				this.byNickname.forEach((nickname, connections) -> connections
					.forEach((connection) -> connection.deliverOnline(online)));
				return;
			}
		}
		String key = Nicknames.key(presence.nickname());
		this.byNickname.forEach((nickname, connections) -> {
			if (!nickname.equals(key)) {
				connections.forEach((connection) -> connection.deliver(presence));
			}
		});
	}

	/**
	 * Return whether arrivals and departures are not announced, because too many people
	 * are online.
	 * @return whether the chat is quiet
	 */
	public boolean isQuiet() {
		return this.quiet.get();
	}

	/**
	 * Return how many arrivals and departures were not announced, because too many people
	 * were online.
	 * @return the number of changes withheld since the start
	 */
	public long withheldAnnouncements() {
		return this.withheld.get();
	}

	private Set<ChatConnection> recipients(ChatEvent.MessagePosted posted) {
		ChatMessage message = posted.message();
		Set<ChatConnection> recipients = new LinkedHashSet<>();
		if (posted.origin() != null) {
			ChatConnection origin = this.byId.get(posted.origin());
			if (origin != null) {
				recipients.add(origin);
			}
		}
		if (message.isDirect()) {
			recipients.addAll(this.byNickname.getOrDefault(Nicknames.key(message.to()), Set.of()));
			recipients.addAll(this.byNickname.getOrDefault(Nicknames.key(message.from()), Set.of()));
		}
		else {
			recipients.addAll(this.byRoom.getOrDefault(message.room(), Set.of()));
		}
		return recipients;
	}

	private static List<String> nicknames(Collection<ChatConnection> connections) {
		return connections.stream()
			.map((connection) -> connection.identity().nickname())
			.distinct()
			.sorted(Comparator.comparing(Nicknames::key))
			.toList();
	}

}
