/**
 * Checks of the README's configuration tables against the configuration metadata.
 */
@NullMarked
package dev.switchboard.e2e.configuration;

import org.jspecify.annotations.NullMarked;
