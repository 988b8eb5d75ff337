/**
 * The time limit on reading a request that stops arriving.
 */
@NullMarked
package dev.switchboard.gateway.readtimeout;

import org.jspecify.annotations.NullMarked;
