/**
 * The socket server implementation: one virtual thread per connection.
 */
@NullMarked
package dev.switchboard.socket.virtualthreads;

import org.jspecify.annotations.NullMarked;
