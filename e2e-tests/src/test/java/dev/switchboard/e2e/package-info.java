/**
 * End-to-end tests that start the whole suite and talk to it as its clients do.
 */
@NullMarked
package dev.switchboard.e2e;

import org.jspecify.annotations.NullMarked;
