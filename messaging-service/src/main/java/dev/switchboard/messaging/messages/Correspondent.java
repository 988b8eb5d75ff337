package dev.switchboard.messaging.messages;

import org.jspecify.annotations.Nullable;

/**
 * Who sends or receives a message: a registered user, or a guest of the TCP chat (no id,
 * no inbox).
 *
 * @param userId the user's id, {@code null} for a guest
 * @param nickname the nickname
 */
public record Correspondent(@Nullable Long userId, String nickname) {

}
