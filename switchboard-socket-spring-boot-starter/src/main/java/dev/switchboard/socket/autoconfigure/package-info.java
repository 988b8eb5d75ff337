/**
 * Auto-configuration of the named socket servers and their echo handlers.
 */
@NullMarked
package dev.switchboard.socket.autoconfigure;

import org.jspecify.annotations.NullMarked;
