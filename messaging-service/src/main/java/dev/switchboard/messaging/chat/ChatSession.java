package dev.switchboard.messaging.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.switchboard.messaging.messages.ChatMessage;
import dev.switchboard.service.problem.StorageFailures;

/**
 * The chat protocol of one client, whatever its transport: its identity, its rate limit,
 * the commands it may send once signed in, the answers and errors (a storage outage
 * included), and the gate that holds live deliveries back while an answer is prepared, so
 * that a welcome or a room's history comes before the live messages that follow it.
 * Whatever the fan-out's timing, a room's messages reach the client once each and in id
 * order: the session remembers the last id it sent of each room it joined (history
 * included) and drops any message of that room that is not newer. A transport only reads
 * its wire form into calls of this class, encodes through its {@link ChatReplies}, and
 * queues on its outbox.
 *
 * @param <F> what the transport sends: a WebSocket frame, a line's bytes
 */
public final class ChatSession<F> implements ChatConnection {

	/** The answer to any command that found the storage unavailable. */
	public static final String STORAGE_UNAVAILABLE = "The storage is unavailable right now: nothing was stored. "
			+ "Try again in a few seconds.";

	private static final Log logger = LogFactory.getLog(ChatSession.class);

	private final String id;

	private final ChatService chat;

	private final RateLimiter rateLimiter;

	private final ChatReplies<F> replies;

	private final Consumer<F> outbox;

	private final Runnable rateLimited;

	private volatile @Nullable ChatIdentity identity;

	private final Object gate = new Object();

	private final List<Held<F>> held = new ArrayList<>();

	private boolean holding;

	// the id of the last message sent of each room joined (guarded by gate)
	private final Map<String, Long> lastIds = new HashMap<>();

	/**
	 * Create the session of a new client.
	 * @param id the connection's id, unique across replicas
	 * @param chat the chat's commands
	 * @param rateLimiter this client's rate limit
	 * @param replies the transport's encoder
	 * @param outbox where the transport queues what it sends, never blocking
	 * @param rateLimited what to do when a command is refused by the rate limit (count
	 * it)
	 * @param holdUntilSignedIn whether deliveries wait for the sign-in's answer from the
	 * start (a transport whose sign-in may run while deliveries arrive)
	 */
	public ChatSession(String id, ChatService chat, RateLimiter rateLimiter, ChatReplies<F> replies, Consumer<F> outbox,
			Runnable rateLimited, boolean holdUntilSignedIn) {
		this.id = id;
		this.chat = chat;
		this.rateLimiter = rateLimiter;
		this.replies = replies;
		this.outbox = outbox;
		this.rateLimited = rateLimited;
		this.holding = holdUntilSignedIn;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public ChatIdentity identity() {
		ChatIdentity current = this.identity;
		if (current == null) {
			throw new IllegalStateException("Chat connection " + this.id + " is not signed in");
		}
		return current;
	}

	/**
	 * Return whether the client signed in.
	 * @return whether it has an identity
	 */
	public boolean isSignedIn() {
		return this.identity != null;
	}

	/**
	 * Take one of the client's tokens for a frame or a line, answering an error when
	 * there is none.
	 * @param ref the client's reference, if known
	 * @return whether the frame or line may be carried out
	 */
	public boolean admit(@Nullable Object ref) {
		if (this.rateLimiter.tryAcquire()) {
			return true;
		}
		this.rateLimited.run();
		reply(this.replies.error(
				"Too many " + this.replies.units() + ": " + this.rateLimiter.describe() + ". This one was dropped.",
				ref));
		return false;
	}

	/**
	 * Carry out an action for the client, answering its failure: a {@link ChatException}
	 * with its sentence, a storage outage with {@link #STORAGE_UNAVAILABLE}.
	 * @param ref the client's reference
	 * @param action the action
	 */
	public void execute(@Nullable Object ref, Runnable action) {
		try {
			action.run();
		}
		catch (ChatException ex) {
			reply(this.replies.error(ex.getMessage(), ref));
		}
		catch (RuntimeException ex) {
			if (!StorageFailures.isUnavailable(ex)) {
				throw ex;
			}
			logger.warn("Storage unavailable for chat connection " + this.id + ": " + ex.getMessage());
			reply(this.replies.error(STORAGE_UNAVAILABLE, ref));
		}
	}

	/**
	 * Carry out a signed-in client's command, answering it or its failure.
	 * @param command the command
	 */
	public void handle(ChatCommand command) {
		execute(command.ref(), () -> dispatch(command));
	}

	private void dispatch(ChatCommand command) {
		if (this.identity == null) {
			throw new ChatException("Sign in first.");
		}
		switch (command) {
			case ChatCommand.Join join -> join(join);
			case ChatCommand.Leave leave -> {
				String room = this.chat.leave(this, leave.room());
				synchronized (this.gate) {
					this.lastIds.remove(room);
				}
				this.replies.left(room, leave.ref()).forEach(this::reply);
			}
			case ChatCommand.Say say -> this.chat.say(this, say.room(), say.text(), say.ref());
			case ChatCommand.Direct direct -> this.chat.sendDirect(this, direct.to(), direct.text(), direct.ref());
			case ChatCommand.Who who -> reply(this.replies.online(who.room(),
					(who.room() != null) ? this.chat.members(who.room()) : this.chat.online(), who.ref()));
			case ChatCommand.ListRooms rooms -> reply(this.replies.rooms(this.chat.rooms(), rooms.ref()));
			case ChatCommand.History older -> this.replies
				.history(this.chat.historyBefore(older.room(), older.before()), identity().nickname(), older.ref())
				.forEach(this::reply);
		}
	}

	private void join(ChatCommand.Join join) {
		hold();
		try {
			ChatService.RoomHistory history = this.chat.join(this, join.room(), join.since());
			List<ChatMessage> messages = history.messages();
			release(this.replies.history(history, identity().nickname(), join.ref()), history.room(),
					messages.isEmpty() ? 0 : messages.getLast().id());
		}
		catch (RuntimeException ex) {
			release(List.of(), null, 0);
			throw ex;
		}
	}

	/**
	 * Sign a registered user in, answering with the welcome before any delivery.
	 * @param user who the token belongs to
	 * @param ref the client's reference
	 */
	public void signIn(ChatIdentity user, @Nullable Object ref) {
		this.identity = user;
		hold();
		ChatService.Online online;
		try {
			online = this.chat.signIn(this);
		}
		catch (RuntimeException ex) {
			this.identity = null;
			release(List.of(), null, 0);
			throw ex;
		}
		release(this.replies.welcome(user, online, ref), null, 0);
	}

	/**
	 * Sign a guest in under a nickname nobody uses, answering with the welcome before any
	 * delivery.
	 * @param guest the guest's identity
	 * @param ref the client's reference
	 * @throws ChatException when someone is online under the nickname, or it belongs to a
	 * registered user
	 */
	public void signInGuest(ChatIdentity guest, @Nullable Object ref) {
		this.identity = guest;
		hold();
		ChatService.Online online;
		try {
			online = this.chat.signInGuest(this);
		}
		catch (RuntimeException ex) {
			this.identity = null;
			release(List.of(), null, 0);
			throw ex;
		}
		release(this.replies.welcome(guest, online, ref), null, 0);
	}

	/**
	 * Take the client offline, if it signed in.
	 */
	public void signOut() {
		if (this.identity != null) {
			this.chat.signOut(this);
		}
	}

	/**
	 * Answer the client directly, ahead of any delivery held back.
	 * @param frame the answer
	 */
	public void reply(F frame) {
		this.outbox.accept(frame);
	}

	/**
	 * Return the transport's encoder of this session.
	 * @return the replies
	 */
	public ChatReplies<F> replies() {
		return this.replies;
	}

	@Override
	public void deliver(ChatEvent.MessagePosted event) {
		F frame = this.replies.message(event, identity().nickname(), event.isFrom(this.id));
		if (frame != null) {
			forward(new Held<>(frame, event.message().room(), event.message().id()));
		}
	}

	@Override
	public void deliver(ChatEvent.PresenceChanged event) {
		forward(new Held<>(this.replies.presence(event), null, 0));
	}

	@Override
	public void deliverOnline(List<String> nicknames) {
		forward(new Held<>(this.replies.online(null, nicknames, null), null, 0));
	}

	private void forward(Held<F> frame) {
		synchronized (this.gate) {
			if (this.holding) {
				this.held.add(frame);
			}
			else {
				send(frame);
			}
		}
	}

	/**
	 * Send a delivery, unless it is a room message not newer than the last one sent of
	 * its room (the history had it, or the fan-out brought it twice). Called holding the
	 * gate.
	 * @param frame the delivery
	 */
	private void send(Held<F> frame) {
		String room = frame.room();
		if (room != null) {
			Long last = this.lastIds.get(room);
			if (last != null && frame.id() <= last) {
				return;
			}
			this.lastIds.put(room, frame.id());
		}
		this.outbox.accept(frame.frame());
	}

	private void hold() {
		synchronized (this.gate) {
			this.holding = true;
		}
	}

	/**
	 * Send an answer, then the deliveries held meanwhile, and stop holding.
	 * @param answer the answer
	 * @param room the room whose history the answer carries, if any
	 * @param lastHistoryId the id of the history's last message: held messages of that
	 * room up to it are already in the history
	 */
	private void release(List<F> answer, @Nullable String room, long lastHistoryId) {
		synchronized (this.gate) {
			answer.forEach(this.outbox);
			if (room != null) {
				this.lastIds.merge(room, lastHistoryId, Math::max);
			}
			this.held.forEach(this::send);
			this.held.clear();
			this.holding = false;
		}
	}

	/**
	 * A delivery held back while an answer is prepared.
	 *
	 * @param <F> the transport's type
	 * @param frame what to send
	 * @param room the room of a room message
	 * @param id the id of a message
	 */
	private record Held<F>(F frame, @Nullable String room, long id) {

	}

}
