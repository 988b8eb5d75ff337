/**
 * The gateway's error boundary: every failure answered as problem JSON.
 */
@NullMarked
package dev.switchboard.gateway.problem;

import org.jspecify.annotations.NullMarked;
