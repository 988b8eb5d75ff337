/**
 * The gateway's access log: one line per request.
 */
@NullMarked
package dev.switchboard.gateway.accesslog;

import org.jspecify.annotations.NullMarked;
