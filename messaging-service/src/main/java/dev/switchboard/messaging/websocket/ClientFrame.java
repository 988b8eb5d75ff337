package dev.switchboard.messaging.websocket;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A frame a client sent, parsed: {@code {"type":"say","room":"general","text":"hi",
 * "ref":"42"}}.
 *
 * @param type what the client asks for
 * @param ref the client's reference, echoed in the answer (a string or a number)
 * @param token the token of an {@code auth} frame
 * @param room the room of a {@code join}, {@code leave}, {@code say} or {@code who}
 * @param to the recipient of a {@code dm}
 * @param text the text of a {@code say} or {@code dm}
 * @param since the id of the last message a {@code join} already has: its history then
 * holds the messages after it
 */
record ClientFrame(String type, @Nullable JsonNode ref, @Nullable String token, @Nullable String room,
		@Nullable String to, @Nullable String text, @Nullable Long since) {

}
