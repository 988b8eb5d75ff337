package dev.switchboard.messaging.messages;

/**
 * Published (as an application event) once a direct message sent over REST is stored: the
 * chat pushes it to the open connections of its sender and recipient.
 *
 * @param message the stored message
 */
public record DirectMessageSent(ChatMessage message) {

}
