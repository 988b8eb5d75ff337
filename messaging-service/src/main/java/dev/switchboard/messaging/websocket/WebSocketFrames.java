package dev.switchboard.messaging.websocket;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;

import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.chat.ChatIdentity;
import dev.switchboard.messaging.messages.ChatMessage;
import dev.switchboard.messaging.chat.ChatReplies;
import dev.switchboard.messaging.chat.ChatService;

/**
 * The JSON frames of the WebSocket chat : parses what clients send, writes what the
 * server sends.
 */
@Component
class WebSocketFrames implements ChatReplies<TextMessage> {

	private static final int MAX_REF_LENGTH = 128;

	private final JsonMapper json;

	/** Encodes a message without a ref, once per event for all its recipients. */
	final Function<ChatMessage, TextMessage> messageEncoder = (message) -> message(message, null);

	/** Encodes a presence change once per event for all its recipients. */
	final Function<ChatEvent.PresenceChanged, TextMessage> presenceEncoder = this::presenceFrame;

	WebSocketFrames(JsonMapper json) {
		this.json = json;
	}

	ClientFrame parse(String payload) {
		JsonNode node;
		try {
			node = this.json.readTree(payload);
		}
		catch (JacksonException ex) {
			throw new InvalidFrameException("A frame must be a JSON object with a \"type\", e.g. {\"type\":\"who\"}; "
					+ "this one is not valid JSON.", null);
		}
		if (node == null || !node.isObject()) {
			throw new InvalidFrameException("A frame must be a JSON object with a \"type\", e.g. {\"type\":\"who\"}.",
					null);
		}
		JsonNode ref = ref(node.get("ref"));
		String type = string(node, "type", ref);
		if (type == null) {
			throw new InvalidFrameException("A frame needs a \"type\": auth, join, leave, say, dm, who or history.",
					ref);
		}
		return new ClientFrame(type, ref, string(node, "token", ref), string(node, "room", ref),
				string(node, "to", ref), string(node, "text", ref), messageId(node, "since", 0, ref),
				messageId(node, "before", 1, ref));
	}

	private static @Nullable Long messageId(JsonNode node, String name, long min, @Nullable JsonNode ref) {
		JsonNode id = node.get(name);
		if (id == null || id.isNull()) {
			return null;
		}
		if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < min) {
			throw new InvalidFrameException(
					"\"" + name + "\" must be a message id: a whole number, " + min + " or more.", ref);
		}
		return id.asLong();
	}

	private static @Nullable JsonNode ref(@Nullable JsonNode ref) {
		if (ref == null || ref.isNull()) {
			return null;
		}
		if ((ref.isString() && ref.stringValue().length() <= MAX_REF_LENGTH) || ref.isNumber()) {
			return ref;
		}
		throw new InvalidFrameException(
				"\"ref\" must be a string of at most " + MAX_REF_LENGTH + " characters (or a number).", null);
	}

	private static @Nullable String string(JsonNode node, String field, @Nullable JsonNode ref) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new InvalidFrameException("\"" + field + "\" must be a string.", ref);
		}
		return value.stringValue();
	}

	@Override
	public List<TextMessage> welcome(ChatIdentity identity, ChatService.Online online, @Nullable Object ref) {
		return List.of(welcome(identity.nickname(), online, ref));
	}

	@Override
	public List<TextMessage> history(ChatService.RoomHistory history, String reader, @Nullable Object ref) {
		TextMessage frame = (history.before() != null)
				? text(historyNode(history.room(), history.messages()).put("before", history.before()), ref)
				: history(history.room(), history.messages(), ref);
		return List.of(frame);
	}

	/** A leave is answered with nothing: the client stops receiving the room. */
	@Override
	public List<TextMessage> left(String room, @Nullable Object ref) {
		return List.of();
	}

	@Override
	public TextMessage online(@Nullable String room, List<String> online, @Nullable Object ref) {
		ObjectNode frame = frame("presence");
		if (room != null) {
			frame.put("room", room.startsWith("#") ? room.substring(1) : room);
		}
		names(frame.putArray("online"), online);
		return text(frame, ref);
	}

	@Override
	public TextMessage rooms(Map<String, Integer> rooms, @Nullable Object ref) {
		ObjectNode frame = frame("rooms");
		ObjectNode members = frame.putObject("rooms");
		rooms.forEach(members::put);
		return text(frame, ref);
	}

	/**
	 * The message itself, with its {@code ref} for the connection that sent it (its
	 * acknowledgement), encoded once for all other readers.
	 */
	@Override
	public TextMessage message(ChatEvent.MessagePosted event, String reader, boolean origin) {
		return (origin && event.ref() != null) ? message(event.message(), event.ref())
				: event.rendered(this.messageEncoder);
	}

	@Override
	public TextMessage presence(ChatEvent.PresenceChanged event) {
		return event.rendered(this.presenceEncoder);
	}

	@Override
	public String units() {
		return "frames";
	}

	TextMessage welcome(String nickname, ChatService.Online online, @Nullable Object ref) {
		ObjectNode frame = frame("welcome").put("nickname", nickname);
		names(frame.putArray("online"), online.nicknames());
		if (online.isPartial()) {
			// too many online to list them all: how many there are (who lists them)
			frame.put("onlineCount", online.count());
		}
		return text(frame, ref);
	}

	TextMessage history(String room, List<ChatMessage> messages, @Nullable Object ref) {
		return text(historyNode(room, messages), ref);
	}

	private ObjectNode historyNode(String room, List<ChatMessage> messages) {
		ObjectNode frame = frame("history").put("room", room);
		ArrayNode array = frame.putArray("messages");
		messages.forEach((message) -> array.add(messageNode(message)));
		return frame;
	}

	TextMessage message(ChatMessage message, @Nullable Object ref) {
		return text(messageNode(message), ref);
	}

	@Override
	public TextMessage error(String message, @Nullable Object ref) {
		return text(frame("error").put("message", message), ref);
	}

	private TextMessage presenceFrame(ChatEvent.PresenceChanged change) {
		return text(frame("presence").put(change.online() ? "joined" : "left", change.nickname()), null);
	}

	private ObjectNode messageNode(ChatMessage message) {
		ObjectNode node = frame("message").put("id", message.id());
		if (message.isDirect()) {
			node.put("to", message.to());
		}
		else {
			node.put("room", message.room());
		}
		return node.put("from", message.from()).put("text", message.text()).put("sentAt", message.sentAt().toString());
	}

	private ObjectNode frame(String type) {
		return this.json.createObjectNode().put("type", type);
	}

	private static void names(ArrayNode array, List<String> names) {
		names.forEach(array::add);
	}

	private TextMessage text(ObjectNode frame, @Nullable Object ref) {
		if (ref instanceof JsonNode node) {
			frame.set("ref", node);
		}
		else if (ref != null) {
			frame.put("ref", ref.toString());
		}
		// from bytes: the message keeps them, so its length (counted by every outbox the
		// frame enters) is not encoded again for each reader
		return new TextMessage(this.json.writeValueAsBytes(frame));
	}

}
