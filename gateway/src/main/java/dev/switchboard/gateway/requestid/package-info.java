/**
 * The request id the gateway gives every request and passes to the services.
 */
@NullMarked
package dev.switchboard.gateway.requestid;

import org.jspecify.annotations.NullMarked;
