/**
 * The socket server SPI: server, factory, handler, customizer and their settings.
 */
@NullMarked
package dev.switchboard.socket.server;

import org.jspecify.annotations.NullMarked;
