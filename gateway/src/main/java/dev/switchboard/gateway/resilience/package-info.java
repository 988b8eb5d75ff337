/**
 * Per-route time limits and the service failures the circuit breakers count.
 */
@NullMarked
package dev.switchboard.gateway.resilience;

import org.jspecify.annotations.NullMarked;
