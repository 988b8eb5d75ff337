/**
 * Load balancing over each service's instances, with failover to a reachable one.
 */
@NullMarked
package dev.switchboard.gateway.balancing;

import org.jspecify.annotations.NullMarked;
