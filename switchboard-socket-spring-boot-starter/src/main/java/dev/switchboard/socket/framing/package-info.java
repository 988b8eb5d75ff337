/**
 * Framings: how a connection's bytes are cut into messages, each with its own limit.
 */
@NullMarked
package dev.switchboard.socket.framing;

import org.jspecify.annotations.NullMarked;
