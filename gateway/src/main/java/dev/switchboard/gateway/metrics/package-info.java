/**
 * The gateway's request metric, per route.
 */
@NullMarked
package dev.switchboard.gateway.metrics;

import org.jspecify.annotations.NullMarked;
