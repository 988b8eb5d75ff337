package dev.switchboard.messaging.cluster;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.messaging.chat.ChatEvent;
import dev.switchboard.messaging.messages.ChatMessage;

/**
 * Chat events as the replicas exchange them over Redis pub/sub: one small JSON document
 * each.
 *
 * <pre>
 * {"kind":"message","id":7,"room":"general","from":"alice","text":"hi","sentAt":"…","origin":"ws-a1-3","ref":"42"}
 * {"kind":"presence","nickname":"alice","online":true}
 * </pre>
 */
final class ChatEventCodec {

	private final JsonMapper json;

	ChatEventCodec(JsonMapper json) {
		this.json = json;
	}

	String encode(ChatEvent event) {
		ObjectNode node = this.json.createObjectNode();
		switch (event) {
			case ChatEvent.MessagePosted posted -> {
				ChatMessage message = posted.message();
				node.put("kind", "message").put("id", message.id());
				putIfPresent(node, "room", message.room());
				putIfPresent(node, "to", message.to());
				node.put("from", message.from()).put("text", message.text()).put("sentAt", message.sentAt().toString());
				putIfPresent(node, "origin", posted.origin());
				if (posted.ref() instanceof JsonNode ref) {
					node.set("ref", ref);
				}
				else if (posted.ref() != null) {
					node.put("ref", posted.ref().toString());
				}
			}
			case ChatEvent.PresenceChanged presence -> node.put("kind", "presence")
				.put("nickname", presence.nickname())
				.put("online", presence.online())
				.put("onlineCount", presence.onlineCount());
		}
		return this.json.writeValueAsString(node);
	}

	ChatEvent decode(String payload) {
		JsonNode node = this.json.readTree(payload);
		if ("presence".equals(node.path("kind").asString())) {
			return new ChatEvent.PresenceChanged(node.get("nickname").asString(), node.get("online").asBoolean(),
					node.path("onlineCount").asInt(0));
		}
		ChatMessage message = new ChatMessage(node.get("id").asLong(), text(node, "room"), text(node, "to"),
				node.get("from").asString(), node.get("text").asString(), Instant.parse(node.get("sentAt").asString()));
		JsonNode ref = node.get("ref");
		return new ChatEvent.MessagePosted(message, text(node, "origin"), (ref == null || ref.isNull()) ? null : ref);
	}

	private static void putIfPresent(ObjectNode node, String field, @Nullable String value) {
		if (value != null) {
			node.put(field, value);
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
